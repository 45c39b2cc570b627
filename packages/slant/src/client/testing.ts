// A real API server over an in-memory store, and a client of it, for the client tests.
import type { UIResource } from '@slant/api';
import { FakeClock } from '../clock.ts';
import { LogStore } from '../logs/log-store.ts';
import { logsRoute } from '../logs/http-route.ts';
import { type ApiServer, startApiServer } from '../store/http/server.ts';
import type { ObjectStore } from '../store/store.ts';
import { newTestStore } from '../store/testing.ts';
import { ApiClient } from './api-client.ts';

export interface TestSession {
  readonly store: ObjectStore;
  readonly logs: LogStore;
  readonly clock: FakeClock;
  readonly client: ApiClient;
  readonly server: ApiServer;
}

export async function startTestSession(): Promise<TestSession> {
  const clock = new FakeClock();
  const store = newTestStore(clock);
  const logs = new LogStore({ clock });
  const server = await startApiServer({ store, token: 't0ken', routes: [logsRoute(logs)] });
  const client = new ApiClient({ server: server.url, token: 't0ken', port: server.port });
  return { store, logs, clock, client, server };
}

/** A UIResource as the engine writes it: with a disable source unless it is the Tiltfile. */
export function uiResource(name: string, labels: Record<string, string> = {}): UIResource {
  const sources =
    name === '(Tiltfile)' ? [] : [{ configMap: { name: `${name}-disable`, key: 'isDisabled' } }];
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'UIResource',
    metadata: { name, labels },
    spec: {},
    status: { disableStatus: { enabledCount: 1, disabledCount: 0, state: 'Enabled', sources } },
  };
}
