import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { type StarterDeps, maybeGenerateTiltfile } from './generate.ts';
import { STARTER_TILTFILE } from './starter-text.ts';

function deps(answers: string[], at: 'file' | 'directory' | 'none' = 'none', interactive = true) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (b: Buffer) => {
    printed += b.toString('utf8');
  });
  const written: Record<string, string> = {};
  const d: StarterDeps = {
    input,
    output,
    interactive,
    stat: () => at,
    writeFile: (p, t) => {
      written[p] = t;
    },
    yellow: (t) => `<y>${t}</y>`,
  };
  // The answers arrive after the question is asked, as typed.
  setTimeout(() => {
    for (const a of answers) input.write(a);
    if (!answers.some((a) => a.endsWith('\n') && /^[yn]/i.test(a.trim()))) input.end();
  }, 5);
  return { d, written, printed: () => printed };
}

describe('the starter Tiltfile offer', () => {
  test('yes writes the starter, after asking again on an unclear answer', async () => {
    const t = deps(['maybe\n', ' Yes\n']);
    expect(await maybeGenerateTiltfile('/p/Tiltfile', t.d)).toBe('created');
    expect(t.written).toEqual({ '/p/Tiltfile': STARTER_TILTFILE });
    const text = t.printed();
    expect(text).toContain('<y>\n───');
    expect(text).toContain(' ⚠️  No Tiltfile exists at /p/Tiltfile\n');
    expect(text.split('✨ Create a starter Tiltfile? (y/n) ').length).toBe(3);
    expect(text).toContain(' 🎉  Tiltfile generated at /p/Tiltfile\n');
  });

  test('no starts without one; the end of input quits', async () => {
    const no = deps(['n\n']);
    expect(await maybeGenerateTiltfile('/p/Tiltfile', no.d)).toBe('declined');
    expect(no.written).toEqual({});
    expect(no.printed()).toContain('Starting Slant...\n');
    const eof = deps([]);
    expect(await maybeGenerateTiltfile('/p/Tiltfile', eof.d)).toBe('exit');
    expect(eof.written).toEqual({});
  });

  test('asks nothing without a terminal or with a Tiltfile; a directory is an error', async () => {
    expect(await maybeGenerateTiltfile('/p/Tiltfile', deps([], 'none', false).d)).toBe(
      'non-interactive',
    );
    expect(await maybeGenerateTiltfile('/p/Tiltfile', deps([], 'file').d)).toBe('exists');
    await expect(maybeGenerateTiltfile('/p/Tiltfile', deps([], 'directory').d)).rejects.toThrow(
      'could not open Tiltfile at /p/Tiltfile: target is a directory',
    );
  });
});
