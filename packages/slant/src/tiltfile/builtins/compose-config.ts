// Reading `docker compose config --format json` output: the services Tilt cares about, in the
// order Tilt visits them (sorted names, each service's depends_on first).
import { posix } from 'node:path';
import { parse, stringify } from 'yaml';
import type { ComposeServiceConfig } from '../state/compose.ts';
import { starError } from '../text.ts';

export interface ParsedComposeService {
  readonly name: string;
  readonly config: ComposeServiceConfig;
}

export interface ParsedComposeProject {
  readonly name: string;
  readonly services: ParsedComposeService[];
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function strOf(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

// A bind mount's host path, absolute (Compose resolves them; relative ones are relative to the
// project); a named volume stays a name, as Tilt keeps it.
function volumeSource(v: unknown, projectPath: string): string {
  const short = typeof v === 'string' ? v.split(':') : undefined;
  const source =
    short !== undefined ? (short.length > 1 ? (short[0] ?? '') : '') : strOf(obj(v).source);
  const isBind = short !== undefined ? /^[./~]/.test(source) : strOf(obj(v).type) === 'bind';
  return isBind && source !== '' && !posix.isAbsolute(source)
    ? posix.join(projectPath, source)
    : source;
}

function serviceConfig(raw: Json, projectPath: string): ComposeServiceConfig {
  const build =
    raw.build === undefined
      ? undefined
      : typeof raw.build === 'string'
        ? { context: raw.build }
        : obj(raw.build);
  let buildContext = build === undefined ? '' : strOf(build.context);
  // Compose resolves contexts to absolute paths; a relative one is relative to the project.
  if (
    buildContext !== '' &&
    !posix.isAbsolute(buildContext) &&
    !/^[a-z]+:\/\//i.test(buildContext) &&
    !buildContext.startsWith('git@')
  ) {
    buildContext = posix.join(projectPath, buildContext);
  }
  const published: number[] = [];
  for (const p of arr(raw.ports)) {
    const n = Number.parseInt(strOf(obj(p).published), 10);
    // A range ("80-90") is not a single port; Tilt ignores it (Atoi fails).
    if (/^\d+$/.test(strOf(obj(p).published)) && n !== 0) published.push(n);
  }
  const depends = raw.depends_on;
  const dependsOn = Array.isArray(depends) ? depends.map(strOf) : Object.keys(obj(depends));
  return {
    image: strOf(raw.image),
    buildContext,
    buildDockerfile: build === undefined ? '' : strOf(build.dockerfile),
    volumeSources: arr(raw.volumes).map((v) => volumeSource(v, projectPath)),
    publishedPorts: published,
    dependsOn: dependsOn.sort(),
    envFiles: arr(raw.env_file).map((e) => (typeof e === 'string' ? e : strOf(obj(e).path))),
  };
}

export function parseComposeConfig(stdout: string, projectPath: string): ParsedComposeProject {
  let doc: Json;
  try {
    doc = obj(JSON.parse(stdout));
  } catch (err) {
    throw starError(`parsing docker compose config output: ${(err as Error).message}`);
  }
  const services = obj(doc.services);
  const names = Object.keys(services).sort();
  const out: ParsedComposeService[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || !(name in services)) return;
    seen.add(name);
    const config = serviceConfig(obj(services[name]), projectPath);
    for (const dep of config.dependsOn) visit(dep);
    out.push({ name, config });
  };
  for (const n of names) visit(n);
  return { name: strOf(doc.name), services: out };
}

/**
 * Several inline Compose files in one project. Tilt writes each to a temp file and passes them
 * all with -f; Slant sends one document on stdin, so top-level sections (services, volumes,
 * networks, ...) are merged here, later files winning per entry as Compose's merge does.
 */
export function mergeInlineComposeYAML(docs: readonly string[]): string {
  if (docs.length === 1) return docs[0] ?? '';
  const merged: Json = {};
  for (const d of docs) {
    let doc: unknown;
    try {
      doc = parse(d);
    } catch (err) {
      throw starError(`parsing inline docker compose YAML: ${(err as Error).message}`);
    }
    for (const [k, v] of Object.entries(obj(doc))) {
      const prev = merged[k];
      merged[k] =
        typeof prev === 'object' &&
        prev !== null &&
        !Array.isArray(prev) &&
        typeof v === 'object' &&
        v !== null
          ? { ...(prev as Json), ...(v as Json) }
          : v;
    }
  }
  return stringify(merged);
}
