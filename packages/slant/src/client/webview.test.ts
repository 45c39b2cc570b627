import type { Snapshot, View } from '@slant/api';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.ts';
import { logsRoute } from '../logs/http-route.ts';
import { LogStore } from '../logs/log-store.ts';
import { completeView } from '../server/view.ts';
import { startApiServer } from '../store/http/server.ts';
import { newTestStore } from '../store/testing.ts';
import { SLANT_VERSION } from '../version.ts';
import { ApiClient } from './api-client.ts';
import { createSnapshot } from './snapshot.ts';
import { startTestSession, type TestSession, uiResource } from './testing.ts';
import { dumpLogStore, dumpWebview, fetchWebview } from './webview.ts';

let session: TestSession | undefined;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await session?.server.close();
  await close?.();
  session = undefined;
  close = undefined;
});

const START = '2024-01-01T00:00:00.000000Z';

async function withSession(): Promise<TestSession> {
  const s = (session = await startTestSession());
  s.store.create({
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'Session',
    metadata: { name: 'Tiltfile' },
    spec: { tiltfilePath: '/src/Tiltfile', exitCondition: 'manual' },
    status: { pid: 1, startTime: START, targets: [], done: false },
  });
  return s;
}

describe('fetchWebview', () => {
  it("equals the web server's complete view of the same store and logs", async () => {
    const s = await withSession();
    s.store.create(uiResource('web'));
    s.store.create({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'UIButton',
      metadata: { name: 'web-restart' },
      spec: { location: { componentType: 'Resource', componentID: 'web' }, text: 'Restart' },
    });
    s.store.create({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'Cluster',
      metadata: { name: 'default' },
      spec: {},
    });
    s.logs.write({ resource: 'web', spanId: 'build:web:1', text: 'building\n' });
    s.logs.write({ resource: '', spanId: 'tiltfile:1', text: 'oops\n', level: 'WARN' });
    const server = completeView({
      store: s.store,
      logs: s.logs,
      startTime: START,
      version: SLANT_VERSION,
      tiltfileKey: '/src/Tiltfile',
    });
    const client = await fetchWebview(s.client);
    expect(client).toEqual(JSON.parse(JSON.stringify(server)) as View);
    expect(client.uiButtons?.map((b) => b.metadata.name)).toEqual(['web-restart']);
    expect(client.logList?.segments?.map((x) => x.text)).toEqual(['building\n', 'oops\n']);
  });

  it('snapshot create holds the same view', async () => {
    const s = await withSession();
    s.store.create(uiResource('web'));
    const snap: Snapshot = await createSnapshot(s.client, new Date('2024-02-01T00:00:00Z'));
    expect(snap).toEqual({
      view: await fetchWebview(s.client),
      path: '/',
      createdAt: '2024-02-01T00:00:00.000Z',
    });
  });
});

describe('dumpWebview', () => {
  it("prints the view as Go's encoder does: sorted keys, two-space indent, <>& escaped", async () => {
    const s = await withSession();
    s.logs.write({ resource: '', spanId: 'tiltfile:1', text: 'a <b> & c\n' });
    expect(await dumpWebview(s.client)).toBe(`{
  "clusters": [],
  "isComplete": true,
  "logList": {
    "fromCheckpoint": 0,
    "segments": [
      {
        "spanId": "tiltfile:1",
        "text": "a \\u003cb\\u003e \\u0026 c\\n",
        "time": "2024-01-01T00:00:00.000000Z"
      }
    ],
    "spans": {
      "tiltfile:1": {
        "manifestName": ""
      }
    },
    "toCheckpoint": 1
  },
  "runningTiltBuild": {
    "dev": true,
    "version": "${SLANT_VERSION}"
  },
  "tiltStartTime": "${START}",
  "tiltfileKey": "/src/Tiltfile",
  "uiButtons": [],
  "uiResources": [],
  "uiSession": {
    "apiVersion": "tilt.dev/v1alpha1",
    "kind": "UISession",
    "metadata": {
      "name": "Tiltfile"
    },
    "spec": {},
    "status": {
      "runningTiltBuild": {
        "dev": true,
        "version": "${SLANT_VERSION}"
      },
      "tiltStartTime": "${START}",
      "tiltfileKey": "/src/Tiltfile"
    }
  }
}
`);
  });
});

describe('dumpLogStore', () => {
  it('prints spans with their first and last segment, one segment a line, and the dropped count', async () => {
    // A store that keeps two lines: the first of three is dropped.
    const clock = new FakeClock();
    const logs = new LogStore({ clock, maxLines: 2 });
    const server = await startApiServer({
      store: newTestStore(clock),
      token: 't',
      routes: [logsRoute(logs)],
    });
    close = () => server.close();
    logs.write({ resource: 'web', spanId: 'build:web:1', text: 'dropped\n' });
    logs.write({ resource: 'web', spanId: 'build:web:1', text: 'step 1\n', fields: { step: '1' } });
    logs.write({ resource: '', spanId: 'tiltfile:1', text: 'bad\n', level: 'ERROR' });
    const client = new ApiClient({ server: server.url, token: 't', port: server.port });
    expect(await dumpLogStore(client)).toBe(`{
  "CheckpointOffset": 1,
  "Segments": [
    {
      "Fields": {
        "step": "1"
      },
      "Level": "INFO",
      "SpanID": "build:web:1",
      "Text": "step 1\\n",
      "Time": "2024-01-01T00:00:00.000Z"
    },
    {
      "Anchor": true,
      "Level": "ERROR",
      "SpanID": "tiltfile:1",
      "Text": "bad\\n",
      "Time": "2024-01-01T00:00:00.000Z"
    }
  ],
  "Spans": {
    "build:web:1": {
      "FirstSegmentIndex": 0,
      "LastSegmentIndex": 0,
      "ManifestName": "web"
    },
    "tiltfile:1": {
      "FirstSegmentIndex": 1,
      "LastSegmentIndex": 1,
      "ManifestName": ""
    }
  }
}
`);
  });
});
