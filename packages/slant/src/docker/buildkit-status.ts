// BuildKit's progress as the engine API streams it: `{"id":"moby.buildkit.trace","aux":"<base64>"}`
// where the base64 is a protobuf StatusResponse of BuildKit's control API. Only the fields a build
// log needs are read (vertexes, their statuses and logs); a small wire-format reader does it, so
// no protobuf runtime is needed.

export interface BuildkitVertex {
  readonly digest: string;
  readonly name: string;
  readonly cached: boolean;
  /** Milliseconds since the epoch, when set. */
  readonly started?: number;
  readonly completed?: number;
  readonly error: string;
}

export interface BuildkitVertexStatus {
  readonly id: string;
  readonly vertex: string;
  readonly current: number;
  readonly total: number;
  readonly timestamp?: number;
}

export interface BuildkitVertexLog {
  readonly vertex: string;
  readonly msg: Uint8Array;
}

export interface BuildkitStatus {
  readonly vertexes: BuildkitVertex[];
  readonly statuses: BuildkitVertexStatus[];
  readonly logs: BuildkitVertexLog[];
}

export const BUILDKIT_TRACE_ID = 'moby.buildkit.trace';

/** One field of a message: number and either a varint or the bytes of a length-delimited value. */
type Field = { no: number; varint: number; bytes: Uint8Array | undefined };

function* fields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  const varint = (): number => {
    // Sizes and times fit in a double; higher bits of a 64-bit varint are scaled, not shifted.
    let result = 0;
    let scale = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error('buildkit status: truncated varint');
      const b = buf[pos++] as number;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) yield { no, varint: varint(), bytes: undefined };
    else if (wire === 2) {
      const len = varint();
      if (pos + len > buf.length) throw new Error('buildkit status: truncated field');
      yield { no, varint: 0, bytes: buf.subarray(pos, pos + len) };
      pos += len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`buildkit status: unsupported wire type ${wire}`);
  }
}

const text = new TextDecoder();
const str = (f: Field): string => (f.bytes === undefined ? '' : text.decode(f.bytes));

// google.protobuf.Timestamp { int64 seconds = 1; int32 nanos = 2; }
function timestamp(bytes: Uint8Array | undefined): number | undefined {
  if (bytes === undefined) return undefined;
  let seconds = 0;
  let nanos = 0;
  for (const f of fields(bytes)) {
    if (f.no === 1) seconds = f.varint;
    else if (f.no === 2) nanos = f.varint;
  }
  return seconds * 1000 + nanos / 1e6;
}

function vertex(bytes: Uint8Array): BuildkitVertex {
  let digest = '';
  let name = '';
  let cached = false;
  let started: number | undefined;
  let completed: number | undefined;
  let error = '';
  for (const f of fields(bytes)) {
    if (f.no === 1) digest = str(f);
    else if (f.no === 3) name = str(f);
    else if (f.no === 4) cached = f.varint !== 0;
    else if (f.no === 5) started = timestamp(f.bytes);
    else if (f.no === 6) completed = timestamp(f.bytes);
    else if (f.no === 7) error = str(f);
  }
  return {
    digest,
    name,
    cached,
    error,
    ...(started === undefined ? {} : { started }),
    ...(completed === undefined ? {} : { completed }),
  };
}

function vertexStatus(bytes: Uint8Array): BuildkitVertexStatus {
  let id = '';
  let vertex = '';
  let current = 0;
  let total = 0;
  let ts: number | undefined;
  for (const f of fields(bytes)) {
    if (f.no === 1) id = str(f);
    else if (f.no === 2) vertex = str(f);
    else if (f.no === 4) current = f.varint;
    else if (f.no === 5) total = f.varint;
    else if (f.no === 6) ts = timestamp(f.bytes);
  }
  return { id, vertex, current, total, ...(ts === undefined ? {} : { timestamp: ts }) };
}

function vertexLog(bytes: Uint8Array): BuildkitVertexLog {
  let vertex = '';
  let msg: Uint8Array = new Uint8Array();
  for (const f of fields(bytes)) {
    if (f.no === 1) vertex = str(f);
    else if (f.no === 4 && f.bytes !== undefined) msg = f.bytes;
  }
  return { vertex, msg };
}

/** Decodes one trace message's `aux` (base64 of a StatusResponse). */
export function decodeBuildkitStatus(aux: string): BuildkitStatus {
  const out: BuildkitStatus = { vertexes: [], statuses: [], logs: [] };
  for (const f of fields(Buffer.from(aux, 'base64'))) {
    if (f.bytes === undefined) continue;
    if (f.no === 1) out.vertexes.push(vertex(f.bytes));
    else if (f.no === 2) out.statuses.push(vertexStatus(f.bytes));
    else if (f.no === 3) out.logs.push(vertexLog(f.bytes));
  }
  return out;
}
