// Tilt's human-friendly `create` subcommands: `create cmd`, `create filewatch`, `create repo`,
// `create ext` build one object from arguments and flags and create it in the session. Relative
// paths are made absolute against the caller's directory, since the session may run elsewhere.
import {
  API_VERSION,
  type ApiObject,
  type Cmd,
  type Extension,
  type ExtensionRepo,
  type FileWatch,
} from '@slant/api';
import { isAbsolute, join } from 'node:path';
import { ApiError, type ApiClient } from './api-client.ts';
import type { Io } from './misc.ts';
import { ObjectPrinter, type WriteOutput } from './write-output.ts';

function absolute(cwd: string, path: string): string {
  return isAbsolute(path) ? path : join(cwd, path);
}

export interface CmdFlags {
  readonly cwd: string;
  /** `--workdir`; the caller's directory when empty. */
  readonly workdir: string;
  /** `--env NAME=VALUE`, in order. */
  readonly env: readonly string[];
  /** `--filewatch`: FileWatch names whose changes re-run the command. */
  readonly fileWatches: readonly string[];
}

/** `slant create cmd NAME COMMAND [ARGS...]`. */
export function cmdObject(name: string, command: readonly string[], flags: CmdFlags): Cmd {
  return {
    apiVersion: API_VERSION,
    kind: 'Cmd',
    metadata: { name },
    spec: {
      args: [...command],
      dir: flags.workdir === '' ? flags.cwd : absolute(flags.cwd, flags.workdir),
      ...(flags.env.length > 0 ? { env: [...flags.env] } : {}),
      // Tilt always sends restartOn, empty when no FileWatch is named.
      restartOn: flags.fileWatches.length > 0 ? { fileWatches: [...flags.fileWatches] } : {},
    },
  };
}

/** `slant create filewatch NAME PATHS... [--ignore PATTERNS]`: ignores relative to the cwd. */
export function fileWatchObject(
  name: string,
  paths: readonly string[],
  flags: { readonly cwd: string; readonly ignores: readonly string[] },
): FileWatch {
  return {
    apiVersion: API_VERSION,
    kind: 'FileWatch',
    metadata: { name },
    spec: {
      watchedPaths: paths.map((p) => absolute(flags.cwd, p)),
      ...(flags.ignores.length > 0
        ? { ignores: [{ basePath: flags.cwd, patterns: [...flags.ignores] }] }
        : {}),
    },
  };
}

/** `slant create repo NAME URL [--ref REF]`. */
export function extensionRepoObject(name: string, url: string, ref: string): ExtensionRepo {
  return {
    apiVersion: API_VERSION,
    kind: 'ExtensionRepo',
    metadata: { name },
    spec: { url, ...(ref !== '' ? { ref } : {}) },
  };
}

/** `slant create ext NAME [--repo REPO] [--path PATH] [-- ARGS...]`: the path defaults to NAME. */
export function extensionObject(
  name: string,
  flags: { readonly repo: string; readonly path: string; readonly args: readonly string[] },
): Extension {
  return {
    apiVersion: API_VERSION,
    kind: 'Extension',
    metadata: { name },
    spec: {
      repoName: flags.repo,
      repoPath: flags.path === '' ? name : flags.path,
      ...(flags.args.length > 0 ? { args: [...flags.args] } : {}),
    },
  };
}

/**
 * Creates `obj` and prints it (`cmd.tilt.dev/NAME created`, or as `-o` says). A refusal from
 * the server prints as Tilt prints an error of these commands (`Error: <message>`); exit code 1.
 */
export async function createObject(
  client: ApiClient,
  obj: ApiObject,
  opts: Io & { readonly output: WriteOutput },
): Promise<number> {
  try {
    const created = await client.create(obj);
    new ObjectPrinter(opts.output, opts.write).print(
      created,
      created.kind,
      created.metadata.name,
      'created',
    );
    return 0;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    opts.writeErr(`Error: ${err.status.message ?? ''}\n`);
    return 1;
  }
}
