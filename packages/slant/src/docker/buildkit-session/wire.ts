// The messages a BuildKit session carries, as protobufjs types: fsutil's Packet and Stat (the
// FileSync DiffCopy stream), gRPC health checks, registry credentials, build secrets and SSH agent forwarding. Field numbers and names
// follow the upstream .proto files (tonistiigi/fsutil types, grpc.health.v1, moby filesync Auth).
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    Stat: {
      fields: {
        path: { type: 'string', id: 1 },
        mode: { type: 'uint32', id: 2 },
        uid: { type: 'uint32', id: 3 },
        gid: { type: 'uint32', id: 4 },
        size: { type: 'int64', id: 5 },
        modTime: { type: 'int64', id: 6 },
        linkname: { type: 'string', id: 7 },
        // 8-10 (device numbers, xattrs) are left out: Slant sends no devices, and no extended
        // attributes (its tar contexts never had them).
      },
    },
    Packet: {
      fields: {
        type: { type: 'int32', id: 1 },
        stat: { type: 'Stat', id: 2 },
        ID: { type: 'uint32', id: 3 },
        data: { type: 'bytes', id: 4 },
      },
    },
    HealthCheckResponse: { fields: { status: { type: 'int32', id: 1 } } },
    CredentialsResponse: {
      fields: { Username: { type: 'string', id: 1 }, Secret: { type: 'string', id: 2 } },
    },
    BytesMessage: { fields: { data: { type: 'bytes', id: 1 } } },
    CheckAgentRequest: { fields: { ID: { type: 'string', id: 1 } } },
    GetSecretRequest: { fields: { ID: { type: 'string', id: 1 } } },
    GetSecretResponse: { fields: { data: { type: 'bytes', id: 1 } } },
    // Requests whose contents Slant does not read (health service name, credentials host).
    Ignored: { fields: {} },
  },
});

/** fsutil's PacketType. */
export const PacketType = { STAT: 0, REQ: 1, DATA: 2, FIN: 3, ERR: 4 } as const;

/** A file's metadata on the wire; mode is a Go os.FileMode, modTime Unix nanoseconds. */
export interface WireStat {
  readonly path: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly modTime: number;
  readonly linkname: string;
}

export interface Packet {
  readonly type: number;
  readonly stat?: WireStat | null;
  readonly ID?: number;
  readonly data?: Uint8Array;
}

/** Go's os.FileMode type and permission bits (not the Unix st_mode layout). */
export const GoMode = {
  dir: 0x80000000,
  symlink: 0x8000000,
  setuid: 0x800000,
  setgid: 0x400000,
  sticky: 0x100000,
} as const;

/** Go's os.FileMode for a Unix st_mode of a directory, symlink or regular file. */
export function goFileMode(stMode: number, kind: 'dir' | 'symlink' | 'file'): number {
  let m = stMode & 0o777;
  if (stMode & 0o4000) m |= GoMode.setuid;
  if (stMode & 0o2000) m |= GoMode.setgid;
  if (stMode & 0o1000) m |= GoMode.sticky;
  if (kind === 'dir') m |= GoMode.dir;
  else if (kind === 'symlink') m |= GoMode.symlink;
  // `>>> 0` keeps the directory bit (bit 31) an unsigned value.
  return m >>> 0;
}

/** gRPC serialize/deserialize for one message type. */
export interface Codec<T> {
  serialize(value: T): Buffer;
  deserialize(bytes: Buffer): T;
}

function codec<T>(name: string): Codec<T> {
  const type = root.lookupType(name);
  return {
    serialize: (value) =>
      Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish()),
    deserialize: (bytes) => type.toObject(type.decode(bytes), { longs: Number }) as T,
  };
}

export const packetCodec = codec<Packet>('Packet');
export const healthResponseCodec = codec<{ status: number }>('HealthCheckResponse');
export const credentialsResponseCodec = codec<{ Username?: string; Secret?: string }>(
  'CredentialsResponse',
);
export const getSecretRequestCodec = codec<{ ID?: string }>('GetSecretRequest');
export const getSecretResponseCodec = codec<{ data: Uint8Array }>('GetSecretResponse');
export const bytesMessageCodec = codec<{ data: Uint8Array }>('BytesMessage');
export const checkAgentRequestCodec = codec<{ ID?: string }>('CheckAgentRequest');
export const ignoredCodec = codec<Record<string, never>>('Ignored');
