// `slant edit TYPE NAME`: kubectl's edit. The objects go to a temporary YAML file, the user's
// editor opens it, and what changed is sent as a JSON merge patch of (fetched, edited): as with
// kubectl, status writes made while the editor was open don't make the edit fail. A file that
// doesn't parse, or an object the server calls invalid, re-opens the editor with the reason on
// top; saving that unchanged gives up and keeps the file.
import { type ApiObject, KIND_PLURALS, type Kind } from '@slant/api';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseYAMLValues } from '../k8s/yaml.ts';
import { ApiError, type ApiClient } from './api-client.ts';
import { decodeManifests, type Manifest } from './manifests.ts';
import type { Io } from './misc.ts';
import { toYaml } from './printers.ts';
import { parseTypeArgs } from './resources.ts';
import { changesIdentity, createMergePatch, type JsonObject } from './three-way.ts';
import { goCompactJSON, ObjectPrinter, type WriteOutput } from './write-output.ts';

/**
 * Opens `path` in the user's editor and resolves when it exits; rejects with kubectl's text
 * (`there was a problem with the editor "vi"`) when the editor fails.
 */
export type EditorRunner = (path: string) => Promise<void>;

export interface EditOptions extends Io {
  readonly editor: EditorRunner;
  readonly output: WriteOutput;
  /** `--output-patch`: print each patch sent. */
  readonly outputPatch: boolean;
  /** Where the temporary files go. */
  readonly tempDir: string;
}

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

interface Reason {
  readonly head: string;
  readonly other: readonly string[];
}

/** A multi-line text kept inside the comment block. */
function commented(text: string): string {
  return text.replace(/\n(?!#)/g, '\n# ');
}

function header(reasons: readonly Reason[]): string {
  let out = HEADER;
  for (const r of reasons) {
    out += `# ${commented(r.head)}${r.other.length > 0 ? ':' : ''}\n`;
    for (const o of r.other) out += `# * ${commented(o)}\n`;
    out += '#\n';
  }
  return out;
}

/** The file without its comment lines (a `#!` line stays). */
function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((l) => !(l.trim().startsWith('#') && !l.trim().startsWith('#!')))
    .join('\n');
}

/** What an edit changed is judged on the data, not on comments or layout. */
function stripComments(text: string): string {
  try {
    return JSON.stringify(parseYAMLValues(text));
  } catch {
    return manualStrip(text);
  }
}

function hasLines(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** The objects to edit: the named ones, or every object of the kind. */
async function fetchObjects(client: ApiClient, args: readonly string[]): Promise<ApiObject[]> {
  const { kind, names } = parseTypeArgs(args);
  if (names.length === 0) return (await client.list(kind)).items;
  const objs: ApiObject[] = [];
  for (const name of names) objs.push(await client.get(kind, name));
  return objs;
}

/** How kubectl's edit names an object in its errors: `cmds.tilt.dev "x"`. */
function resourceString(kind: Kind, name: string): string {
  return `${KIND_PLURALS[kind]}.tilt.dev "${name}"`;
}

/** The edited file's objects, or the syntax error kubectl shows in the re-opened file. */
function parseEdited(text: string): Manifest[] | string {
  const entries = decodeManifests(text, 'edited-file');
  const errors = entries.flatMap((e) => ('error' in e ? [e.error] : []));
  if (errors.length === 1) return errors[0]!;
  if (errors.length > 1) return `[${errors.join(', ')}]`;
  return entries.filter((e): e is Manifest => !('error' in e));
}

interface PassResult {
  /** Objects the server called invalid: the file re-opens with these reasons. */
  readonly invalid: Reason[];
  retryable: number;
  notFound: number;
}

export async function runEdit(
  client: ApiClient,
  args: readonly string[],
  opts: EditOptions,
): Promise<number> {
  if (args.length === 0) {
    opts.writeErr(NO_RESOURCES);
    return 1;
  }
  const objs = await fetchObjects(client, args);
  if (objs.length === 0) {
    opts.writeErr('error: edit cancelled, no objects found\n');
    return 1;
  }
  const original =
    objs.length === 1
      ? toYaml(objs[0])
      : toYaml({ apiVersion: 'v1', items: objs, kind: 'List', metadata: {} });
  const printer = new ObjectPrinter(opts.output, opts.write);
  const fail = (message: string, file: string | undefined): number => {
    if (file !== undefined) opts.writeErr(`A copy of your changes has been stored to "${file}"\n`);
    opts.writeErr(`error: ${message}\n`);
    return 1;
  };
  let reasons: Reason[] = [];
  let edited: string | undefined;
  let previous: string | undefined;
  for (;;) {
    const retrying = edited !== undefined;
    const file = join(opts.tempDir, `slant-edit-${randomBytes(5).toString('hex')}.yaml`);
    writeFileSync(file, header(reasons) + (retrying ? manualStrip(edited ?? '') : original), {
      flag: 'wx',
    });
    try {
      await opts.editor(file);
    } catch (err) {
      rmSync(file, { force: true });
      return fail((err as Error).message, previous);
    }
    const text = readFileSync(file, 'utf8');
    if (previous !== undefined) rmSync(previous, { force: true });
    if (retrying && stripComments(edited ?? '') === stripComments(text)) {
      return fail('Edit cancelled, no valid changes were saved.', file);
    }
    previous = file;
    edited = text;
    if (!retrying && stripComments(original) === stripComments(text)) {
      rmSync(file, { force: true });
      opts.writeErr('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasLines(text)) {
      rmSync(file, { force: true });
      opts.writeErr('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    const parsed = parseEdited(text);
    if (typeof parsed === 'string') {
      reasons = [{ head: `The edited file had a syntax error: ${parsed}`, other: [] }];
      continue;
    }
    let pass: PassResult;
    try {
      pass = await patchAll(client, objs, parsed, opts, printer);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      return fail((err as Error).message, file);
    }
    if (pass.retryable > 0) {
      // kubectl suggests `replace -f` here; Slant has no replace, so it keeps the file.
      opts.writeErr(`A copy of your changes has been stored to "${file}"\n`);
      return 1;
    }
    if (pass.notFound > 0) {
      opts.writeErr(`The edits you made on deleted resources have been saved to "${file}"\n`);
      return 1;
    }
    if (pass.invalid.length === 0) {
      rmSync(file, { force: true });
      return 0;
    }
    reasons = pass.invalid;
  }
}

/** Patches each edited object against the one fetched with the same uid. */
async function patchAll(
  client: ApiClient,
  originals: readonly ApiObject[],
  edited: readonly Manifest[],
  opts: EditOptions,
  printer: ObjectPrinter,
): Promise<PassResult> {
  const result: PassResult = { invalid: [], retryable: 0, notFound: 0 };
  for (const m of edited) {
    const uid = (m.object.metadata as { uid?: unknown } | undefined)?.uid;
    const before = originals.find((o) => o.metadata.uid === uid);
    if (before === undefined) {
      throw new Error(`no original object found for ${m.kind.toLowerCase()}.tilt.dev/${m.name}`);
    }
    const from = JSON.parse(JSON.stringify(before)) as JsonObject;
    if (isDeepStrictEqual(from, m.object)) {
      printer.print(m.object, m.kind, m.name, 'skipped');
      continue;
    }
    const patch = createMergePatch(from, m.object);
    if (changesIdentity(patch))
      throw new Error('At least one of apiVersion, kind and name was changed');
    if (opts.outputPatch) opts.write(`Patch: ${goCompactJSON(patch)}\n`);
    const what = resourceString(before.kind, before.metadata.name);
    try {
      const after = await client.patch(before.kind, before.metadata.name, patch);
      printer.print(after, after.kind, after.metadata.name, 'edited');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.reason === 'Invalid') {
        result.invalid.push({ head: `${what} was not valid`, other: [err.status.message ?? ''] });
        opts.writeErr(`error: ${what} is invalid\n`);
      } else if (err.reason === 'NotFound') {
        result.notFound++;
        opts.writeErr(`error: ${what} could not be found on the server\n`);
      } else {
        result.retryable++;
        opts.writeErr(`error: ${what} could not be patched: ${err.status.message ?? ''}\n`);
      }
    }
  }
  return result;
}
