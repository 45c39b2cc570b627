// probe() and its actions (Tilt's tiltfile/probe): struct-like values that carry the API Probe
// a local_resource serve_cmd's readiness is checked with.
import type { ExecAction, HTTPGetAction, Probe, TCPSocketAction } from '@slant/api';
import {
  conv,
  type Kwargs,
  List,
  None,
  repr,
  Struct,
  type Thread,
  typeName,
  unpackArgs,
  type Value,
} from '@slant/starlark';
import type { TiltBuiltin } from '../registry.ts';
import { fromStarString, starError, toStarString } from '../text.ts';
import { sequenceToStrings } from './build-values.ts';
import { goTypeName, isSequence } from './k8s-args.ts';

/** A Struct with Tilt's constructor name (`Probe(...)`) and type, plus the API value. */
class TypedStruct<T> extends Struct {
  readonly typeName: string;
  readonly spec: T;
  constructor(typeName: string, fields: Array<[string, Value]>, spec: T) {
    super(fields, typeName);
    this.typeName = typeName;
    this.spec = spec;
  }
  override get type(): string {
    return this.typeName;
  }
}

export class ProbeValue extends TypedStruct<Probe> {}
export class ExecActionValue extends TypedStruct<ExecAction> {}
export class HTTPGetActionValue extends TypedStruct<HTTPGetAction> {}
export class TCPSocketActionValue extends TypedStruct<TCPSocketAction> {}

// The Unpack methods of Tilt's wrappers: None is absent; other types are "got %T, want T".
function typed<C extends TypedStruct<unknown>>(
  cls: abstract new (...a: never[]) => C,
  name: string,
): (v: Value) => C | undefined {
  return (v) => {
    if (v === None) return undefined;
    if (v instanceof cls) return v;
    throw starError(`got ${goTypeName(v)}, want ${name}`);
  };
}

export const probeConv = typed(ProbeValue, 'Probe');

/** value.Int32: an int within int32 range. */
function int32Conv(v: Value): number {
  if (typeof v !== 'number' && typeof v !== 'bigint')
    throw starError(`got ${typeName(v)}, want int`);
  const n = Number(v);
  if (n < -2147483648 || n > 2147483647) throw starError(`value out of range for int32: ${v}`);
  return n;
}

/** value.StringSequence: any sequence of strings. */
function stringSequenceConv(v: Value): string[] {
  if (!isSequence(v)) {
    throw starError(`'${fromStarString(repr(v))}' is a ${goTypeName(v)}, not a sequence`);
  }
  return sequenceToStrings(v);
}

function probe(_t: Thread, args: readonly Value[], kwargs: Kwargs | null): Value {
  const [delay, timeout, period, success, failure, exec, httpGet, tcp] = unpackArgs(
    'probe',
    args,
    kwargs,
    ['initial_delay_secs?', int32Conv],
    ['timeout_secs?', int32Conv],
    ['period_secs?', int32Conv],
    ['success_threshold?', int32Conv],
    ['failure_threshold?', int32Conv],
    ['exec?', typed(ExecActionValue, 'ExecAction')],
    ['http_get?', typed(HTTPGetActionValue, 'HTTPGetAction')],
    ['tcp_socket?', typed(TCPSocketActionValue, 'TCPSocketAction')],
  );
  const actions = [exec, httpGet, tcp].filter((a) => a !== undefined).length;
  if (actions !== 1)
    throw starError('exactly one of exec, http_get, or tcp_socket must be specified');
  // Tilt leaves unset numbers at zero (omitted from the object); the Cmd reconciler applies
  // the defaults.
  const spec: Probe = {
    ...nonZero('initialDelaySeconds', delay),
    ...nonZero('timeoutSeconds', timeout),
    ...nonZero('periodSeconds', period),
    ...nonZero('successThreshold', success),
    ...nonZero('failureThreshold', failure),
    ...(exec === undefined ? {} : { exec: exec.spec }),
    ...(httpGet === undefined ? {} : { httpGet: httpGet.spec }),
    ...(tcp === undefined ? {} : { tcpSocket: tcp.spec }),
  };
  return new ProbeValue(
    'Probe',
    [
      ['initial_delay_secs', delay ?? 0],
      ['timeout_secs', timeout ?? 0],
      ['period_secs', period ?? 0],
      ['success_threshold', success ?? 0],
      ['failure_threshold', failure ?? 0],
      ['exec', exec ?? None],
      ['http_get', httpGet ?? None],
      ['tcp_socket', tcp ?? None],
    ],
    spec,
  );
}

function nonZero<K extends string>(k: K, n: number | undefined): Partial<Record<K, number>> {
  return n === undefined || n === 0 ? {} : ({ [k]: n } as Partial<Record<K, number>>);
}

function execAction(_t: Thread, args: readonly Value[], kwargs: Kwargs | null): Value {
  const [command] = unpackArgs('exec_action', args, kwargs, ['command', stringSequenceConv]);
  const cmd = command ?? [];
  return new ExecActionValue('ExecAction', [['command', new List(cmd.map(toStarString))]], {
    command: cmd,
  });
}

function httpGetAction(_t: Thread, args: readonly Value[], kwargs: Kwargs | null): Value {
  const [port, host, scheme, path] = unpackArgs(
    'http_get_action',
    args,
    kwargs,
    ['port', conv.int],
    ['host?', conv.string],
    ['scheme?', conv.string],
    ['path?', conv.string],
  );
  // Empty strings are left out, as Go's omitempty leaves them out of the API object.
  const hostText = fromStarString(host ?? '');
  const schemeText = fromStarString(scheme ?? '').toUpperCase();
  const pathText = fromStarString(path ?? '');
  const spec: HTTPGetAction = {
    port: (port ?? 0) | 0,
    ...(hostText === '' ? {} : { host: hostText }),
    ...(schemeText === '' ? {} : { scheme: schemeText as NonNullable<HTTPGetAction['scheme']> }),
    ...(pathText === '' ? {} : { path: pathText }),
  };
  return new HTTPGetActionValue(
    'HTTPGetAction',
    [
      ['host', host ?? ''],
      ['port', port ?? 0],
      ['scheme', scheme ?? ''],
      ['path', path ?? ''],
    ],
    spec,
  );
}

function tcpSocketAction(_t: Thread, args: readonly Value[], kwargs: Kwargs | null): Value {
  const [port, host] = unpackArgs(
    'tcp_socket_action',
    args,
    kwargs,
    ['port', conv.int],
    ['host?', conv.string],
  );
  return new TCPSocketActionValue(
    'TCPSocketAction',
    [
      ['host', host ?? ''],
      ['port', port ?? 0],
    ],
    {
      port: (port ?? 0) | 0,
      ...(host === undefined || host === '' ? {} : { host: fromStarString(host) }),
    },
  );
}

export const probeBuiltins: readonly TiltBuiltin[] = [
  { name: 'http_get_action', fn: (_r, t, a, k) => httpGetAction(t, a, k) },
  { name: 'exec_action', fn: (_r, t, a, k) => execAction(t, a, k) },
  { name: 'tcp_socket_action', fn: (_r, t, a, k) => tcpSocketAction(t, a, k) },
  { name: 'probe', fn: (_r, t, a, k) => probe(t, a, k) },
];
