import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { BUILDKIT_TRACE_ID, decodeBuildkitStatus } from '../../docker/buildkit-status.ts';
import type { JsonMessage } from '../../docker/client.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { BuildLog } from './build-log.ts';
import { BuildkitPrinter, unitsBytes } from './buildkit-printer.ts';

// Engine API output of real BuildKit builds (dockerd 20.10, a tar context in the request body).
function replay(file: string) {
  const logs = new MemoryLogWriter();
  const printer = new BuildkitPrinter(
    new BuildLog(logs, { resource: 'app', spanId: 's' }, new FakeClock()),
  );
  const text = readFileSync(join(import.meta.dirname, 'testdata', file), 'utf8');
  for (const line of text.split('\n').filter((l) => l !== '')) {
    const m = JSON.parse(line) as JsonMessage;
    if (m.id === BUILDKIT_TRACE_ID) printer.print(decodeBuildkitStatus(m.aux as string));
  }
  return { logs, printer };
}

describe('BuildkitPrinter', () => {
  it("prints each step, its output under the arrow and its duration, as Tilt's printer", () => {
    const { logs, printer } = replay('buildkit-run-copy.jsonl');
    expect(logs.text('app')).toMatchInlineSnapshot(`
      "     copy /context /
           copy /context / [done: 84ms]
           [1/3] FROM docker.io/slant/busybox:latest [cached]
           [2/3] RUN echo hello from run && echo second line
             → hello from run
             → second line
           [2/3] RUN echo hello from run && echo second line [done: 386ms]
           [3/3] COPY index.html /www/index.html
           [3/3] COPY index.html /www/index.html [done: 21ms]
           exporting to image
           exporting to image [done: 44ms]
      "
    `);
    expect(printer.stageStatuses().map((s) => [s.name, s.cached === true])).toMatchInlineSnapshot(`
      [
        [
          "[internal] load remote build context",
          false,
        ],
        [
          "copy /context /",
          false,
        ],
        [
          "[internal] load metadata for docker.io/slant/busybox:latest",
          false,
        ],
        [
          "[1/3] FROM docker.io/slant/busybox:latest",
          true,
        ],
        [
          "[2/3] RUN echo hello from run && echo second line",
          false,
        ],
        [
          "[3/3] COPY index.html /www/index.html",
          false,
        ],
        [
          "exporting to image",
          false,
        ],
      ]
    `);
  });

  it('marks the failed step with ERROR IN and keeps its error in the stage status', () => {
    const { logs, printer } = replay('buildkit-run-fails.jsonl');
    expect(logs.text('app')).toMatchInlineSnapshot(`
      "     copy /context /
           copy /context / [done: 83ms]
           [1/2] FROM docker.io/slant/busybox:latest [cached]
           [2/2] RUN echo about to fail && exit 3
             → about to fail
           
           ERROR IN: [2/2] RUN echo about to fail && exit 3
      "
    `);
    expect(printer.stageStatuses().find((s) => s.error !== undefined)).toMatchInlineSnapshot(`
      {
        "error": "executor failed running [/bin/sh -c echo about to fail && exit 3]: exit code: 3",
        "finishedAt": "2026-11-24T14:42:48.453000Z",
        "name": "[2/2] RUN echo about to fail && exit 3",
        "startedAt": "2026-11-24T14:42:48.078000Z",
      }
    `);
  });

  it('formats sizes as tonistiigi/units does with %.2f', () => {
    expect([unitsBytes(999), unitsBytes(1234), unitsBytes(5_600_000)]).toEqual([
      '999B',
      '1.23kB',
      '5.60MB',
    ]);
  });
});
