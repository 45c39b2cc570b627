// Ignore rules of image builds and local resources (Tilt's ignoresForImage,
// dockerignoresFromPathsAndContextFilters, repoIgnoresForPaths): what leaves the build context
// and what file watches skip. Patterns are Docker's; matching happens in the watchers.
import { posix } from 'node:path';
import type { IgnoreDef } from '@slant/api';
import { selectorFamiliarString } from '../../container/selector.ts';
import type { TiltfileRun } from '../run.ts';
import { goQuote } from '../text.ts';
import type { ImageBuild } from '../state/build.ts';
import { AssemblyError } from './index.ts';

/** moby's ignorefile.ReadAll: comments, blank lines, `!` exceptions, cleaned paths. */
export function parseDockerignore(text: string): string[] {
  const out: string[] = [];
  text
    .replace(/^\ufeff/, '')
    .split('\n')
    .forEach((raw) => {
      if (raw.startsWith('#')) return;
      let p = raw.trim();
      if (p === '') return;
      const invert = p.startsWith('!');
      if (invert) p = p.slice(1).trim();
      if (p.length > 0) {
        p = posix.normalize(p);
        if (p.endsWith('/') && p.length > 1) p = p.slice(0, -1);
        if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
      }
      out.push(invert ? `!${p}` : p);
    });
  return out;
}

function isDir(run: TiltfileRun, p: string): boolean {
  return run.host.fs.stat(p)?.isDir === true;
}

/** `.git` of every path that is a repository root, once each. */
export function repoIgnoresForPaths(run: TiltfileRun, paths: readonly string[]): IgnoreDef[] {
  const seen = new Set<string>();
  const out: IgnoreDef[] = [];
  for (const p of paths) {
    if (seen.has(p) || !isDir(run, posix.join(p, '.git'))) continue;
    seen.add(p);
    out.push({ basePath: posix.join(p, '.git') });
  }
  return out;
}

function onlyPatterns(onlys: readonly string[]): string[] {
  return onlys.length === 0 ? [] : ['**', ...onlys.map((o) => `!${o}`)];
}

function sourceName(img: ImageBuild): string {
  const name = selectorFamiliarString(img.configurationRef);
  const fn =
    img.buildType === 'docker'
      ? 'docker_build'
      : img.buildType === 'custom'
        ? 'custom_build'
        : 'docker_compose';
  return `${fn}(${goQuote(name)})`;
}

// ignore=, only= and the .dockerignore of each context dir (or <Dockerfile>.dockerignore).
function dockerignores(run: TiltfileRun, img: ImageBuild): IgnoreDef[] {
  const paths =
    img.buildType === 'custom' ? img.customDeps : img.buildPath === '' ? [] : [img.buildPath];
  const out: IgnoreDef[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    if (p === '' || seen.has(p)) continue;
    seen.add(p);
    if (!isDir(run, p)) continue;
    if (img.ignores.length > 0) out.push({ basePath: p, patterns: [...img.ignores] });
    const only = onlyPatterns(img.onlys);
    if (only.length > 0) out.push({ basePath: p, patterns: only });
    let diFile = posix.join(p, '.dockerignore');
    if (img.dockerfilePath !== '' && run.host.fs.exists(`${img.dockerfilePath}.dockerignore`)) {
      diFile = `${img.dockerfilePath}.dockerignore`;
    }
    // The Tiltfile re-runs when a .dockerignore appears or changes: recordRead's rule (not a
    // directory) on the one stat that also says whether there is one to read.
    const info = run.host.fs.stat(diFile);
    if (info?.isDir !== true) run.recordFile(diFile);
    if (info === undefined) continue;
    let text: string;
    try {
      text = run.host.fs.readFile(diFile).toString('utf8');
    } catch (err) {
      throw new AssemblyError(
        `reading dockerignore for ${sourceName(img)}: ${(err as Error).message}`,
      );
    }
    out.push({ basePath: p, patterns: parseDockerignore(text) });
  }
  return out;
}

export interface ImageIgnores {
  readonly contextIgnores: IgnoreDef[];
  readonly fileWatchIgnores: IgnoreDef[];
}

/** ignoresForImage: the Tiltfile, repo .git dirs and dockerignores; watches also skip the Dockerfile. */
export function ignoresForImage(run: TiltfileRun, img: ImageBuild): ImageIgnores {
  const contextIgnores: IgnoreDef[] = [];
  if (img.tiltfilePath !== '') contextIgnores.push({ basePath: img.tiltfilePath });
  const repoPaths = [
    img.dockerfilePath,
    ...(img.buildPath === '' ? [] : [img.buildPath]),
    ...img.customDeps,
  ];
  contextIgnores.push(
    ...repoIgnoresForPaths(
      run,
      repoPaths.filter((p) => p !== ''),
    ),
  );
  contextIgnores.push(...dockerignores(run, img));
  const fileWatchIgnores = contextIgnores.map((d) => ({
    ...d,
    ...(d.patterns ? { patterns: [...d.patterns] } : {}),
  }));
  // The Tiltfile reads the Dockerfile itself; an image watch on it would race the Tiltfile.
  if (img.dockerfilePath !== '') fileWatchIgnores.push({ basePath: img.dockerfilePath });
  // Compose bind mounts reach the container directly: changes there must not rebuild.
  if (img.buildType === 'compose') {
    for (const p of img.composeLocalVolumePaths) fileWatchIgnores.push({ basePath: p });
  }
  return { contextIgnores, fileWatchIgnores };
}

/** Ignores every FileWatch gets: .tiltignore, watch_settings(ignore=), outputs_image_ref_to files. */
export function globalIgnores(run: TiltfileRun): IgnoreDef[] {
  const out: IgnoreDef[] = [];
  const tiltignore = posix.join(run.mainDir, '.tiltignore');
  if (run.host.fs.exists(tiltignore)) {
    const patterns = parseDockerignore(run.host.fs.readFile(tiltignore).toString('utf8'));
    if (patterns.length > 0) out.push({ basePath: run.mainDir, patterns });
  }
  const ws = run.state.settings.watchIgnores;
  if (ws.length > 0) out.push({ basePath: run.mainDir, patterns: [...ws] });
  for (const img of run.state.build.images) {
    if (img.outputsImageRefTo === '') continue;
    out.push({
      basePath: posix.dirname(img.outputsImageRefTo),
      patterns: [posix.basename(img.outputsImageRefTo)],
    });
  }
  return out;
}
