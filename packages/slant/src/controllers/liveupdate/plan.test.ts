import type { LiveUpdateSpec } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { livePlan, runsFor, stopReason } from './plan.ts';

const spec: LiveUpdateSpec = {
  basePath: '/proj',
  selector: { kubernetes: { discoveryName: 'web' } },
  syncs: [
    { localPath: 'src', containerPath: '/app/src' },
    { localPath: 'package.json', containerPath: '/app/package.json' },
  ],
  stopPaths: ['src/deps.lock'],
  execs: [
    { args: ['sh', '-c', 'npm install'], triggerPaths: ['package.json'], echoOff: false },
    { args: ['touch', '/tmp/restart'], triggerPaths: [], echoOff: true },
  ],
};
const show = (fs: readonly string[]) => `[${fs.join(' ')}]`;

describe('livePlan', () => {
  it('maps files through the sync that contains them', () => {
    const p = livePlan(spec, ['/proj/src/a/b.js', '/proj/package.json']);
    expect(p.syncPaths).toEqual([
      { localPath: '/proj/src/a/b.js', containerPath: '/app/src/a/b.js' },
      { localPath: '/proj/package.json', containerPath: '/app/package.json' },
    ]);
    expect(stopReason(p, show)).toBeUndefined();
  });

  it('stops on a file outside every sync, then on a fall_back_on file, in Tilt’s words', () => {
    expect(stopReason(livePlan(spec, ['/proj/README.md', '/proj/src-old/x']), show)).toBe(
      'Found file(s) not matching any sync (files: [/proj/README.md /proj/src-old/x])',
    );
    expect(stopReason(livePlan(spec, ['/proj/src/deps.lock']), show)).toBe(
      'Detected change to stop file "/proj/src/deps.lock"',
    );
  });

  it('runs the steps whose trigger paths match, and those without triggers', () => {
    const src = livePlan(spec, ['/proj/src/x.js']).syncPaths;
    expect(runsFor(spec, src).map((e) => e.args[0])).toEqual(['touch']);
    const pkg = livePlan(spec, ['/proj/package.json']).syncPaths;
    expect(runsFor(spec, pkg).map((e) => e.args[0])).toEqual(['sh', 'touch']);
  });
});
