// Small pieces of `slant up` / `slant ci` (app-session.ts): what --disable-port-forwards drops,
// how `ci` waits for trailing pod logs, and which address the server binds.
import type { ApiObject } from '@slant/api';
import type { Engine } from './engine/engine.ts';

/** A KubernetesApply without its port-forward template: its pods get no PortForward. */
export function withoutPortForwards(o: ApiObject): ApiObject {
  if (o.kind !== 'KubernetesApply' || o.spec.portForwardTemplateSpec === undefined) return o;
  const { portForwardTemplateSpec: _, ...spec } = o.spec;
  return { ...o, spec };
}

/** Resolves once no log line came for `quietMs`, or after `maxMs`. */
export function logsQuiet(engine: Engine, quietMs: number, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(finish, quietMs);
    const cap = setTimeout(finish, maxMs);
    const unsubscribe = engine.logs.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(finish, quietMs);
    });
    function finish(): void {
      clearTimeout(timer);
      clearTimeout(cap);
      unsubscribe();
      resolve();
    }
  });
}

/** `localhost` binds the loopback only; Tilt's default. */
export function apiHost(host: string): string {
  return host === 'localhost' ? '127.0.0.1' : host;
}
