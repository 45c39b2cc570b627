import { Metadata } from '@grpc/grpc-js';
import { describe, expect, test } from 'vitest';
import { sharedKeyFor, syncRequestOf } from './session.ts';

describe('a DiffCopy call’s metadata', () => {
  test('names the directory and the patterns, repeated keys in order', () => {
    const md = new Metadata();
    md.set('dir-name', 'context');
    md.add('followpaths', 'index.html');
    md.add('followpaths', 'src');
    md.add('exclude-patterns', 'node_modules');
    expect(syncRequestOf(md)).toEqual({
      dir: 'context',
      req: {
        includePatterns: [],
        excludePatterns: ['node_modules'],
        followPaths: ['index.html', 'src'],
      },
    });
  });

  test('a repeated header that Node joined into one value gives each pattern again', () => {
    // What grpc-js makes of the HTTP/2 headers Node hands it for `COPY mine.sh loop.sh /app/`.
    const md = Metadata.fromHttp2Headers({
      'dir-name': 'context',
      'include-patterns': 'mine.sh, loop.sh',
      followpaths: 'mine.sh, loop.sh',
    });
    expect(syncRequestOf(md).req).toEqual({
      includePatterns: ['mine.sh', 'loop.sh', 'mine.sh, loop.sh'],
      excludePatterns: [],
      followPaths: ['mine.sh', 'loop.sh', 'mine.sh, loop.sh'],
    });
  });

  test('a name holding ", " is among the patterns tried: runs of neighbours are joined again', () => {
    // `COPY ["a, b.txt", "c.txt", "/x/"]`: the joined header cannot tell its three pieces apart.
    const md = Metadata.fromHttp2Headers({ 'dir-name': 'context', followpaths: 'a, b.txt, c.txt' });
    const { followPaths } = syncRequestOf(md).req;
    expect(followPaths).toContain('a, b.txt');
    expect(followPaths).toContain('c.txt');
    expect(followPaths).toEqual([
      'a',
      'b.txt',
      'c.txt',
      'a, b.txt',
      'a, b.txt, c.txt',
      'b.txt, c.txt',
    ]);
  });

  test('exclude patterns are only split: a pattern too many there would leave a file out', () => {
    const md = Metadata.fromHttp2Headers({
      'dir-name': 'context',
      'exclude-patterns': '*.log, tmp',
    });
    expect(syncRequestOf(md).req.excludePatterns).toEqual(['*.log', 'tmp']);
  });

  test('joined encoded values are split before they are decoded', () => {
    const md = Metadata.fromHttp2Headers({
      'dir-name': 'context',
      'include-patterns': 'caf%C3%A9+menu.txt, a%2C+b.txt',
      'include-patterns-encoded': '1',
    });
    expect(syncRequestOf(md).req.includePatterns).toEqual(['café menu.txt', 'a, b.txt']);
  });

  test('values flagged as encoded are URL-decoded, as fsutil sends non-ASCII names', () => {
    const md = new Metadata();
    md.set('dir-name', 'context');
    md.add('include-patterns', 'caf%C3%A9+menu.txt');
    md.set('include-patterns-encoded', '1');
    expect(syncRequestOf(md).req.includePatterns).toEqual(['café menu.txt']);
  });
});

test('the shared key is stable per context directory and differs between them', () => {
  expect(sharedKeyFor('/src/app')).toBe(sharedKeyFor('/src/app'));
  expect(sharedKeyFor('/src/app')).not.toBe(sharedKeyFor('/src/other'));
});
