import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/slant.js');
const PKG = resolve(import.meta.dirname, '../../package.json');
const VERSION = (JSON.parse(readFileSync(PKG, 'utf8')) as { version: string }).version;

function slant(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('slant analytics', () => {
  it('says that Slant collects and sends no analytics', () => {
    expect(slant('analytics')).toEqual({
      code: 0,
      stdout: 'Slant collects and sends no analytics.\n',
      stderr: '',
    });
  });

  it("opt accepts Tilt's choices, in either spelling, with nothing to change", () => {
    expect(slant('analytics', 'opt', 'out')).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Slant collects and sends no analytics: nothing to change for "opt-out"\n',
    });
    expect(slant('analytics', 'opt', 'opt-in').stderr).toBe(
      'Slant collects and sends no analytics: nothing to change for "opt-in"\n',
    );
    expect(slant('analytics', 'opt', 'default').code).toBe(0);
  });

  it("opt rejects another choice, or none, with Tilt's texts and exit code 1", () => {
    expect(slant('analytics', 'opt', 'maybe')).toEqual({
      code: 1,
      stdout: 'choice can be one of {opt-in, opt-out}\n',
      stderr: 'unknown analytics opt: "maybe"\n',
    });
    expect(slant('analytics', 'opt')).toEqual({
      code: 1,
      stdout: 'choice can be one of {opt-in, opt-out}\n',
      stderr: 'no choice given; pass it as first arg: slant analytics opt <choice>\n',
    });
  });
});

describe('slant verify-install', () => {
  it("prints Slant's and Node's versions and exits 0", () => {
    expect(slant('verify-install')).toEqual({
      code: 0,
      stdout: `Slant v${VERSION} on Node.js ${process.version}\n`,
      stderr: '',
    });
  });
});
