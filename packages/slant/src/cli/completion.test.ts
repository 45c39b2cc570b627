import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/slant.js');

function script(shell: string): string {
  return execFileSync(process.execPath, [BIN, 'completion', shell], { encoding: 'utf8' });
}

/** What bash completes for `words` (the last one being completed), with the real script. */
function complete(words: string[]): string[] {
  const program = `${script('bash')}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_slant
printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', program], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l !== '');
}

describe('slant completion', () => {
  it('bash completes subcommands, their flags and kinds', () => {
    expect(complete(['slant', 'tri'])).toEqual(['trigger']);
    expect(complete(['slant', 'logs', '--fo'])).toEqual(['--follow']);
    expect(complete(['slant', 'get', 'uireso'])).toEqual(['uiresources']);
    expect(complete(['slant', 'dump', 'e'])).toEqual(['engine']);
  });

  it('zsh loads the bash script through bashcompinit; fish gets complete lines', () => {
    expect(script('zsh')).toMatch(/^#compdef slant\n/);
    const fish = script('fish');
    expect(fish).toContain('complete -c slant -f -n __fish_use_subcommand -a "up ci down');
    expect(fish).toContain('complete -c slant -n "__fish_seen_subcommand_from logs" -l follow');
  });

  it('rejects another shell with exit code 1', () => {
    const r = spawnSync(process.execPath, [BIN, 'completion', 'tcsh'], { encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr]).toEqual([
      1,
      '',
      'unsupported shell "tcsh": use bash, zsh or fish\n',
    ]);
  });
});
