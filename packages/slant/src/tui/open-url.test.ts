import { describe, expect, it } from 'vitest';
import { browserCommand } from './open-url.ts';

describe('browserCommand', () => {
  it('uses $BROWSER when set, else the platform opener', () => {
    expect(browserCommand('http://x/', 'linux', { BROWSER: 'firefox' })).toEqual([
      'sh',
      ['-c', 'firefox "$1"', 'sh', 'http://x/'],
    ]);
    expect(browserCommand('http://x/', 'linux', {})).toEqual(['xdg-open', ['http://x/']]);
    expect(browserCommand('http://x/', 'darwin', {})).toEqual(['open', ['http://x/']]);
  });
});
