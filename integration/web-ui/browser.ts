// Debian's Chromium driven by playwright-core (no browser download), for the web UI's e2e tests;
// each test saves a screenshot under test-artifacts/web-ui/ (gitignored), the latest set kept.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = resolve(ROOT, 'test-artifacts/web-ui');

/** Chromium from SLANT_CHROMIUM, or Debian's package. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.SLANT_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install Debian's chromium (npm run env:up does) or set SLANT_CHROMIUM`,
    );
  }
  return path;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // The tests run as root in a container: Chromium's sandbox needs user namespaces it lacks.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = resolve(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The web app's build (packages/web/dist), built now when missing. */
export async function ensureWebBuilt(): Promise<void> {
  if (existsSync(resolve(ROOT, 'packages/web/dist/index.html'))) return;
  const { build } = await import('vite');
  await build({
    root: resolve(ROOT, 'packages/web'),
    configFile: resolve(ROOT, 'packages/web/vite.config.ts'),
  });
}
