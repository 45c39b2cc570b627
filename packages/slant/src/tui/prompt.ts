// Prompt mode (`slant up` on a TTY): Tilt's greeting — the start line with the UI's URL, the
// version, the keys — then one status line that the driver rewrites in place.
import type { Colors } from './colors.ts';

/** Tilt's StartStatusLine, with Slant's name. */
export function startStatusLine(url: string | undefined, host: string, colors: Colors): string {
  let status = '(without browser UI)';
  if (url !== undefined)
    status = host === '0.0.0.0' ? `on ${url} (listening on 0.0.0.0)` : `on ${url}`;
  return colors.green(`Slant started ${status}`);
}

export interface PromptView {
  readonly url: string | undefined;
  readonly host: string;
  readonly version: string;
}

/** The greeting printed once when prompt mode starts. */
export function promptGreeting(v: PromptView, colors: Colors): string {
  const lines = [startStatusLine(v.url, v.host, colors), `v${v.version}, built from source`, ''];
  if (v.url !== undefined) lines.push('(space) to open the browser');
  lines.push('(s) to stream logs (--stream=true)');
  lines.push('(t) to open legacy terminal mode (--legacy=true)');
  lines.push('(ctrl-c) to exit');
  lines.push('');
  return lines.map((l) => `${l}\n`).join('');
}

/** What a key does in prompt mode. */
export type PromptAction = 'open-browser' | 'stream' | 'hud' | 'exit' | 'none';

export function promptKey(key: string): PromptAction {
  if (key === ' ') return 'open-browser';
  if (key === 's') return 'stream';
  if (key === 't' || key === 'h') return 'hud';
  if (key === '\u0003') return 'exit';
  return 'none';
}
