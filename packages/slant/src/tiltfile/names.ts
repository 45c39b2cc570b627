// API object names derived from user input (Tilt's apis.SanitizeName): a path segment without
// `/` or `%`, at most 253 bytes (longer names keep a prefix plus an FNV-32a hash of the whole).

const MAX_NAME_LENGTH = 253;

function fnv32a(s: string): string {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function sanitizeName(name: string): string {
  if (name === '.' || name === '..') return name.replaceAll('.', '_');
  let sanitized = name.includes('/') || name.includes('%') ? name.replace(/[/%]/g, '_') : name;
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short names need no byte count.
  if (sanitized.length * 3 <= MAX_NAME_LENGTH) return sanitized;
  const bytes = Buffer.from(sanitized, 'utf8');
  if (bytes.length > MAX_NAME_LENGTH) {
    // Go slices bytes; a cut through a multi-byte rune keeps the partial bytes as Go would.
    const head = bytes.subarray(0, MAX_NAME_LENGTH - 9).toString('utf8');
    sanitized = `${head}-${fnv32a(name)}`;
  }
  return sanitized;
}
