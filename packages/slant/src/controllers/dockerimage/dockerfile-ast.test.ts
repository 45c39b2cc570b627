import { describe, expect, test } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { parseNormalizedNamed } from '../../container/ref.ts';
import { parseSelector } from '../../container/selector.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { humanSize } from '../../docker/human-size.ts';
import { BuildLog, indent, renderProgress } from './build-log.ts';
import { digestAsTag } from './docker-output.ts';
import { injectImage, parseDockerfile, printDockerfile } from './dockerfile-ast.ts';

const NEW = parseNormalizedNamed('localhost:5005/base:tilt-1111111111111111');

function inject(src: string, selector: string, args: string[] = []): { ok: boolean; out: string } {
  const ast = parseDockerfile(src);
  const ok = injectImage(ast, parseSelector(selector), NEW, args);
  return { ok, out: printDockerfile(ast) };
}

describe('Dockerfile injection', () => {
  test('replaces FROM and COPY --from of the selected image, printed in normal form', () => {
    const src = [
      '# syntax=docker/dockerfile:1',
      'from base as build',
      'run ["echo", "a b"]',
      'env A=1 B="two words"',
      'copy --from=base /x /y',
      'COPY --from=build /z /z',
      '',
    ].join('\n');
    expect(inject(src, 'base')).toEqual({
      ok: true,
      out: [
        '# syntax = docker/dockerfile:1',
        'FROM localhost:5005/base:tilt-1111111111111111 as build',
        'RUN ["echo", "a b"]',
        'ENV A=1 B="two words"',
        'COPY --from=localhost:5005/base:tilt-1111111111111111 /x /y',
        'COPY --from=build /z /z',
        '',
      ].join('\n'),
    });
  });

  test('expands ARGs in FROM; build args override Dockerfile defaults', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile syntax, not a template.
    expect(inject('ARG IMG=other\nFROM ${IMG}\n', 'base', ['IMG=base']).ok).toBe(true);
    expect(inject('ARG IMG=base\nFROM $IMG\n', 'base').ok).toBe(true);
    expect(inject('ARG IMG=other\nFROM $IMG\n', 'base').ok).toBe(false);
  });

  test('a tagged selector matches only that tag', () => {
    expect(inject('FROM base:1\n', 'base:2').ok).toBe(false);
    expect(inject('FROM base:2\n', 'base:2').ok).toBe(true);
    expect(inject('FROM base:1\n', 'base').ok).toBe(true);
  });
});

describe('build log pieces', () => {
  test('humanSize is go-units HumanSize', () => {
    expect([0, 512, 1234, 12_345_678, 1_000_000].map(humanSize)).toEqual([
      '0B',
      '512B',
      '1.234kB',
      '12.35MB',
      '1MB',
    ]);
  });

  test('renderProgress is Docker’s TUI progress at width 200', () => {
    expect(renderProgress({ current: 0, total: 0 }, 0)).toBe('');
    expect(renderProgress({ current: 1500 }, 0)).toBe('   1.5kB');
    expect(renderProgress({ current: 500, total: 1000 }, 0)).toBe(
      `[${'='.repeat(25)}>${' '.repeat(25)}]     500B/1kB`,
    );
  });

  test('indent keeps a final newline', () => {
    expect(indent('a\nb\n', '  ')).toBe('  a\n  b\n');
    expect(indent('a\nb', '  ')).toBe('  a\n  b');
  });

  test('prefixed text gets the step prefix at every line start, across writes', () => {
    const logs = new MemoryLogWriter();
    const log = new BuildLog(logs, { resource: 'r', spanId: 's' }, new FakeClock());
    log.prefixed('a\nb');
    log.prefixed('c\n');
    log.prefixed('d\n');
    expect(logs.text()).toBe('     a\n     bc\n     d\n');
  });

  test('layer progress prints a line per layer, throttled to one per 2 s until done', () => {
    const logs = new MemoryLogWriter();
    const clock = new FakeClock();
    const log = new BuildLog(logs, { resource: 'r', spanId: 's' }, clock);
    log.dockerMessage({ id: 'abc', status: 'Preparing', progressDetail: {} });
    log.dockerMessage({
      id: 'abc',
      status: 'Pushing',
      progressDetail: { current: 10, total: 100 },
    });
    log.dockerMessage({
      id: 'abc',
      status: 'Pushing',
      progressDetail: { current: 20, total: 100 },
    });
    clock.advance(2001);
    log.dockerMessage({
      id: 'abc',
      status: 'Pushing',
      progressDetail: { current: 30, total: 100 },
    });
    // "Preparing" at 0 is skipped; 20/100 comes too soon after 10/100.
    expect(logs.entries.map((e) => e.text)).toEqual([
      `     abc: Pushing [=====>${' '.repeat(45)}]      10B/100B\n`,
      `     abc: Pushing [===============>${' '.repeat(35)}]      30B/100B\n`,
    ]);
  });

  test('the content-hash tag is tilt- and 16 hex digits of the image id', () => {
    expect(digestAsTag(`sha256:${'ab'.repeat(32)}`)).toBe('tilt-abababababababab');
    expect(() => digestAsTag('sha256:abc')).toThrow('digest too short: abc');
  });
});
