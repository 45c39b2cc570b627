// A real pseudo-terminal for e2e tests: a tmux server of our own (its own socket), one window
// of a fixed size running a command; the screen is read with capture-pane, keys sent with
// send-keys.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export class Tmux {
  private readonly socket: string;

  constructor(name: string) {
    this.socket = `slant-test-${process.pid}-${name}`;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Runs `argv` (with `env` added; CI and CONTINUOUS_INTEGRATION removed: ink draws only the last frame under CI). */
  start(argv: readonly string[], opts: { cwd: string; env: Record<string, string> }): void {
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const env = Object.entries(opts.env).map(([k, v]) => `${k}=${quote(v)}`);
    const cmd = `cd ${quote(opts.cwd)} && env -u CI -u CONTINUOUS_INTEGRATION ${env.join(' ')} ${argv.map(quote).join(' ')}; echo "EXITED $?"; sleep 600`;
    this.tmux('new-session', '-d', '-s', 'main', '-x', '100', '-y', '30', cmd);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  /** Resolves with the screen once it matches; rejects with the last screen after `ms`. */
  async waitFor(re: RegExp, ms = 60_000): Promise<string> {
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (re.test(last)) return last;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`timed out waiting for ${re} on the screen:\n${last}`);
  }

  /** Ends the server and removes its socket file (tmux leaves it behind). */
  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
    const dir = join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`);
    rmSync(join(dir, this.socket), { force: true });
  }
}
