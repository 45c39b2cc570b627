import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import type { LocalFiles } from '../../watch/files.ts';
import { splitMissing, tarArchive } from './archive.ts';

function memFiles(tree: Record<string, string | null>): LocalFiles {
  return {
    stat: (p) =>
      p in tree
        ? { isDirectory: tree[p] === null, mode: 0o100644, mtimeMs: 0, size: 0 }
        : undefined,
    read: (p) => Buffer.from(tree[p] ?? ''),
    list: (d) =>
      Object.keys(tree)
        .filter((k) => k.startsWith(`${d}/`) && !k.slice(d.length + 1).includes('/'))
        .map((k) => k.slice(d.length + 1)),
  };
}

async function entries(archive: Uint8Array): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const x = extract();
  x.on('entry', (h, stream, next) => {
    let body = '';
    stream.on('data', (c) => {
      body += String(c);
    });
    stream.on('end', () => {
      out[h.name] = h.type === 'directory' ? '<dir>' : body;
      next();
    });
  });
  const done = new Promise<void>((r) => x.on('finish', () => r()));
  x.end(Buffer.from(archive));
  await done;
  return out;
}

describe('live update archive', () => {
  const files = memFiles({ '/p/a.txt': 'A', '/p/dir': null, '/p/dir/b.txt': 'B' });

  it('archives files and whole directories under their container paths', async () => {
    const archive = await tarArchive(files, [
      { localPath: '/p/a.txt', containerPath: '/app/a.txt' },
      { localPath: '/p/dir', containerPath: '/app/dir' },
    ]);
    expect(await entries(archive)).toEqual({
      'app/a.txt': 'A',
      'app/dir/': '<dir>',
      'app/dir/b.txt': 'B',
    });
  });

  it('puts files that no longer exist on the remove list', () => {
    const plan = splitMissing(files, [
      { localPath: '/p/a.txt', containerPath: '/app/a.txt' },
      { localPath: '/p/gone.txt', containerPath: '/app/gone.txt' },
    ]);
    expect(plan.toRemove.map((m) => m.containerPath)).toEqual(['/app/gone.txt']);
    expect(plan.toCopy.map((m) => m.containerPath)).toEqual(['/app/a.txt']);
  });
});
