// The files a kustomization depends on (Tilt's internal/kustomize, after Skaffold): its own
// kustomization file, resources/bases/components (recursing into directories), patches, CRDs and
// configMapGenerator files. kustomize() watches them.
import { posix } from 'node:path';
import { parse } from 'yaml';
import type { TiltfileFS } from '../host.ts';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

interface Kustomization {
  bases?: unknown;
  components?: unknown;
  resources?: unknown;
  patches?: unknown;
  patchesStrategicMerge?: unknown;
  patchesJson6902?: unknown;
  crds?: unknown;
  configMapGenerator?: unknown;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function objects(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v)
    ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
    : [];
}

function loadKustFile(fs: TiltfileFS, dir: string): { text: string; path: string } {
  const found = KUSTOMIZATION_FILES.map((f) => posix.join(dir, f)).filter(
    (p) => fs.stat(p)?.isFile === true,
  );
  const first = found[0];
  if (first === undefined) {
    throw new Error(
      `unable to find one of [${KUSTOMIZATION_FILES.join(' ')}] in directory '${dir}'`,
    );
  }
  if (found.length > 1) throw new Error(`Found multiple kustomization files under: ${dir}\n`);
  return { text: fs.readFile(first).toString('utf8'), path: first };
}

function dependencies(fs: TiltfileFS, dir: string): string[] {
  const { text, path } = loadKustFile(fs, dir);
  const k = (parse(text) ?? {}) as Kustomization;
  const deps: string[] = [];
  for (const p of [...strings(k.bases), ...strings(k.components), ...strings(k.resources)]) {
    const abs = posix.join(dir, p);
    if (fs.stat(abs)?.isDir === true) deps.push(...dependencies(fs, abs));
    else deps.push(abs);
  }
  deps.push(path);
  for (const patch of objects(k.patches)) {
    if (typeof patch.path === 'string' && patch.path !== '') deps.push(posix.join(dir, patch.path));
  }
  for (const p of strings(k.patchesStrategicMerge)) deps.push(posix.join(dir, p));
  for (const p of strings(k.crds)) deps.push(posix.join(dir, p));
  for (const patch of objects(k.patchesJson6902)) {
    deps.push(posix.join(dir, typeof patch.path === 'string' ? patch.path : ''));
  }
  for (const gen of objects(k.configMapGenerator)) {
    for (const f of strings(gen.files)) deps.push(posix.join(dir, f));
  }
  return deps;
}

/** kustomize.Deps: the dependencies of the kustomization in dir, first occurrence order. */
export function kustomizeDeps(fs: TiltfileFS, dir: string): string[] {
  return [...new Set(dependencies(fs, dir))];
}
