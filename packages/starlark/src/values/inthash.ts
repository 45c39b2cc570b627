// Internal hashes of ints, shared by int keys and integral float keys so equal values agree.

export function intHash(n: number): number {
  return ((n | 0) ^ ((n / 4294967296) | 0)) >>> 0;
}

export function bigintHash(v: bigint): number {
  return Number(BigInt.asUintN(32, v ^ (v >> 32n)));
}
