// Opens a URL in the user's browser: $BROWSER when set (as xdg-open honours it), else the
// platform's opener. Fire and forget: a browser outlives Slant.
import { spawn } from 'node:child_process';

export function browserCommand(
  url: string,
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string>>,
): [string, string[]] {
  if (env.BROWSER !== undefined && env.BROWSER !== '')
    return ['sh', ['-c', `${env.BROWSER} "$1"`, 'sh', url]];
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '', url]];
  return ['xdg-open', [url]];
}

export function openUrl(url: string, env: Readonly<Record<string, string>>): Promise<void> {
  const [cmd, args] = browserCommand(url, process.platform, env);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true, env: { ...env } });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
