// Stands in for `undici` inside the CLI bundle (scripts/build-cli.ts). Only @kubernetes/client-node
// imports it, for the fetch and dispatchers of its generated API, which Slant does not call: the
// real package (1.2 MB of code, ~10 MB of memory once loaded) is required on first use instead of
// at start. Resolved from client-node's own folder, as client-node's import would be; require()
// caches it.
import { createRequire } from 'node:module';

type Undici = typeof import('undici');

function undici(): Undici {
  return createRequire(import.meta.resolve('@kubernetes/client-node'))('undici') as Undici;
}

// Called with `new` by client-node: returning the real instance makes it the result.
export function Agent(
  ...args: ConstructorParameters<Undici['Agent']>
): InstanceType<Undici['Agent']> {
  return new (undici().Agent)(...args);
}

export function ProxyAgent(
  ...args: ConstructorParameters<Undici['ProxyAgent']>
): InstanceType<Undici['ProxyAgent']> {
  return new (undici().ProxyAgent)(...args);
}

export function fetch(...args: Parameters<Undici['fetch']>): ReturnType<Undici['fetch']> {
  return undici().fetch(...args);
}
