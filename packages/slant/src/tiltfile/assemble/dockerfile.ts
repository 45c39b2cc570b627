// The images a Dockerfile builds on (Tilt's dockerfile.FindImages): `FROM` bases and
// `COPY --from=` sources, with ARG values substituted (build args override ARG defaults).
// Unparsable references (stage names aside) are dropped, as Tilt drops them.
import { type ImageRef, parseNormalizedNamed } from '../../container/ref.ts';

// Joins `\` continuations and drops comments and blank lines: one instruction per entry.
function instructions(src: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of src.split(/\r?\n/)) {
    const line = raw.trim();
    if (cur === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      cur += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(cur + line);
    cur = '';
  }
  if (cur.trim() !== '') out.push(cur);
  return out;
}

// Shell-style expansion of $VAR and ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:+alt}, ${VAR+alt}.
function substitute(s: string, args: ReadonlyMap<string, string | undefined>): string {
  const re = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  return s.replace(re, (...m: unknown[]) => {
    const name = (m[1] ?? m[5]) as string;
    const v = args.get(name);
    const op = m[3] as string | undefined;
    if (op === undefined) return v ?? '';
    const set = m[2] === ':' ? v !== undefined && v !== '' : v !== undefined;
    const word = m[4] as string;
    return op === '-' ? (set ? (v ?? '') : word) : set ? word : '';
  });
}

function tryParse(s: string): ImageRef | undefined {
  try {
    return parseNormalizedNamed(s);
  } catch {
    return undefined;
  }
}

/** The image references of a Dockerfile; buildArgs are `KEY=value` or bare `KEY`. */
export function findDockerfileImages(src: string, buildArgs: readonly string[]): ImageRef[] {
  const given = new Map<string, string | undefined>();
  for (const a of buildArgs) {
    const i = a.indexOf('=');
    if (i >= 0) given.set(a.slice(0, i), a.slice(i + 1));
  }
  // ARG defaults are overridden by given build args.
  const args = new Map<string, string | undefined>();
  const out: ImageRef[] = [];
  for (const inst of instructions(src)) {
    const [cmd = '', ...rest] = inst.split(/\s+/);
    const op = cmd.toLowerCase();
    if (op === 'arg') {
      for (const kv of rest) {
        const i = kv.indexOf('=');
        const k = i < 0 ? kv : kv.slice(0, i);
        const def = i < 0 ? undefined : kv.slice(i + 1).replace(/^"(.*)"$/, '$1');
        args.set(k, given.has(k) ? given.get(k) : def);
      }
    } else if (op === 'from') {
      const base = rest.find((w) => !w.startsWith('--'));
      if (base === undefined) continue;
      const env = new Map([...given, ...args]);
      const name = substitute(base, env);
      const ref = name === '' ? undefined : tryParse(name);
      if (ref !== undefined) out.push(ref);
    } else if (op === 'copy') {
      const from = rest.find((w) => w.startsWith('--from='));
      if (from === undefined) continue;
      const ref = tryParse(from.slice('--from='.length));
      if (ref !== undefined) out.push(ref);
    }
  }
  return out;
}
