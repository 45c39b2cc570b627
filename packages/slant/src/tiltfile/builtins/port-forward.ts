// port_forward() and the forms k8s_resource(port_forwards=...) accepts: 8000, '8000',
// '8000:80', 'host:8000:80', port_forward(...), or a sequence of these (Tilt's k8s.go).
import {
  conv,
  List,
  repr,
  StarlarkError,
  StarObject,
  str,
  Tuple,
  typeName,
  unpackArgs,
  type Value,
} from '@slant/starlark';
import type { TiltDefinition } from '../registry.ts';
import { goTypeName } from './k8s-args.ts';
import { parseURL } from './link.ts';

export interface PortForward {
  readonly localPort: number;
  readonly containerPort: number;
  readonly host: string;
  readonly name: string;
  /** The link path without its leading `/` (Tilt's PathForAppend). */
  readonly path: string;
}

export class PortForwardValue extends StarObject {
  readonly pf: PortForward;
  constructor(pf: PortForward) {
    super();
    this.pf = pf;
  }
  get type(): string {
    return 'port_forward';
  }
  override truth(): boolean {
    const p = this.pf;
    return (
      p.localPort !== 0 || p.containerPort !== 0 || p.host !== '' || p.name !== '' || p.path !== ''
    );
  }
  override hash(): number {
    throw new StarlarkError('unhashable type: port_forward');
  }
  override repr(out: string[]): void {
    const p = this.pf;
    out.push(
      `port_forward(local_port=${p.localPort}, container_port=${p.containerPort}, name=${repr(p.name)})`,
    );
  }
}

function portForward(localPort: number, containerPort = 0, host = ''): PortForward {
  return { localPort, containerPort, host, name: '', path: '' };
}

const IP_RE =
  /^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$/;
const HOSTNAME_RE =
  /^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])$/;

function intToPortForward(n: number | bigint): PortForward {
  if (n < 0 || n > 65535) {
    throw new StarlarkError(`portForward port value ${n} is not in the valid range [0-65535]`);
  }
  return portForward(Number(n));
}

// Go's strconv.Atoi: optional sign, decimal digits only.
function atoi(s: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(s) ? Number(s) : undefined;
}

function portFromString(s: string): number {
  const n = atoi(s);
  if (n === undefined || n < 0 || n > 65535) {
    throw new StarlarkError(
      `portForward port value ${repr(s)} is not in the valid range [0-65535]`,
    );
  }
  return n;
}

export function stringToPortForward(s: string): PortForward {
  // strings.SplitN(s, ":", 3): the third part keeps any further colons.
  const first = s.indexOf(':');
  const second = first < 0 ? -1 : s.indexOf(':', first + 1);
  const parts =
    first < 0
      ? [s]
      : second < 0
        ? [s.slice(0, first), s.slice(first + 1)]
        : [s.slice(0, first), s.slice(first + 1, second), s.slice(second + 1)];
  let host = '';
  let localString: string;
  if (parts.length === 3) {
    host = parts[0] ?? '';
    localString = parts[1] ?? '';
    if (!IP_RE.test(host) && !HOSTNAME_RE.test(host)) {
      // Tilt's message quotes the local port part, not the host.
      throw new StarlarkError(
        `portForward host value ${repr(localString)} is not a valid hostname or IP address`,
      );
    }
  } else {
    localString = parts[0] ?? '';
  }
  const local = portFromString(localString);
  const container = parts.length > 1 ? portFromString(parts[parts.length - 1] ?? '') : 0;
  return portForward(local, container, host);
}

function elementToPortForward(v: Value): PortForward | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return intToPortForward(v);
  if (typeof v === 'string') return stringToPortForward(v);
  if (v instanceof PortForwardValue) return v.pf;
  return undefined;
}

/** Tilt's convertPortForwards. */
export function portForwardsFromValue(v: Value | undefined): PortForward[] {
  if (v === undefined || typeName(v) === 'NoneType') return [];
  const single = elementToPortForward(v);
  if (single !== undefined) return [single];
  if (v instanceof List || v instanceof Tuple) {
    return v.elems.map((item) => {
      const pf = elementToPortForward(item);
      if (pf === undefined) {
        throw new StarlarkError(
          `port_forwards arg ${str(v)} includes element ${str(item)} which must be an int or a port_forward; is a ${goTypeName(item)}`,
        );
      }
      return pf;
    });
  }
  throw new StarlarkError(
    `port_forwards must be an int, a port_forward, or a sequence of those; is a ${goTypeName(v)}`,
  );
}

export function portForwardBuiltin(
  fnName: string,
  args: readonly Value[],
  kwargs: Array<[string, Value]> | null,
): PortForwardValue {
  const [local = 0, container = 0, name = '', path = '', host = ''] = unpackArgs(
    fnName,
    args,
    kwargs,
    ['local_port', conv.int],
    ['container_port?', conv.int],
    ['name?', conv.string],
    ['link_path?', conv.string],
    ['host?', conv.string],
  );
  if (path !== '') {
    try {
      parseURL(path);
    } catch (err) {
      throw new StarlarkError(`parsing \`path\` param: ${(err as Error).message}`);
    }
  }
  // Go's url.String() of a parsed path, minus the leading slash.
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  return new PortForwardValue({
    localPort: local,
    containerPort: container,
    host,
    name,
    path: trimmed,
  });
}

export const portForwardBuiltins: readonly TiltDefinition[] = [
  {
    name: 'port_forward',
    fn: (_run, _t, args, kwargs) => portForwardBuiltin('port_forward', args, kwargs),
  },
];
