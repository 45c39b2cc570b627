// The built web app (packages/web/dist): files by path, and index.html for every other page path
// so the app's own routes (/overview, /r/<name>/overview) load it. Each page response sets the
// run's token cookie the app sends back.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export const NOT_BUILT_PAGE =
  'The Slant web UI is not built: run `npm run build` in the Slant repository.\n';

async function tryRead(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

export async function serveAsset(
  res: ServerResponse,
  dir: string,
  path: string,
  cookie: string,
): Promise<void> {
  // normalize() of a path starting with '/' never climbs above it: no file outside `dir`.
  const rel = normalize(decodeURIComponent(path));
  let file = rel === '/' ? undefined : await tryRead(join(dir, rel));
  let type = TYPES[extname(rel)] ?? 'application/octet-stream';
  if (file === undefined) {
    file = await tryRead(join(dir, 'index.html'));
    type = TYPES['.html']!;
  }
  if (file === undefined) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(NOT_BUILT_PAGE);
    return;
  }
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
  };
  if (type === TYPES['.html']) {
    headers['Set-Cookie'] = cookie;
    headers['Cache-Control'] = 'no-store';
  } else if (rel.startsWith('/assets/')) {
    // Vite puts a content hash in every asset name.
    headers['Cache-Control'] = 'public, max-age=31536000, immutable';
  }
  res.writeHead(200, headers);
  res.end(file);
}
