// docker_build(secret=...): the values `RUN --mount=type=secret` reads, served through the build
// session as BuildKit's secrets provider does. A spec is Docker's `--secret` CSV
// (`id=NAME[,src=PATH|,env=VAR][,type=file|env]`); without src or env the id names an
// environment variable if one is set, else a file. Paths are relative to Slant's working
// directory, as Tilt passes them through to BuildKit unchanged.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** BuildKit's limit on one secret. */
export const MAX_SECRET_SIZE = 500 * 1024;

interface SecretSource {
  readonly id: string;
  readonly file: string;
  readonly env: string;
}

export interface SecretStore {
  /** The secret's bytes, or undefined when no secret has that id. */
  get(id: string): Promise<Buffer | undefined>;
}

// encoding/csv's reading of one record: fields split on commas, "quoted" fields may hold them.
function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let field = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0)
          throw new Error(
            `parse error on line 1, column ${line.length + 1}: extraneous or missing " in quoted-field`,
          );
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(field);
      if (i < line.length && line[i] !== ',') {
        throw new Error(
          `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`,
        );
      }
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

function parseSecret(spec: string): SecretSource {
  let fields: string[];
  try {
    fields = csvFields(spec);
  } catch (err) {
    throw new Error(`failed to parse csv secret: ${(err as Error).message}`);
  }
  let type = '';
  let id = '';
  let file = '';
  let env = '';
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq < 0) throw new Error(`invalid field '${field}' must be a key=value pair`);
    const key = field.slice(0, eq).toLowerCase();
    const value = field.slice(eq + 1);
    if (key === 'type') {
      if (value !== 'file' && value !== 'env')
        throw new Error(`unsupported secret type "${value}"`);
      type = value;
    } else if (key === 'id') id = value;
    else if (key === 'source' || key === 'src') file = value;
    else if (key === 'env') env = value;
    else throw new Error(`unexpected key '${key}' in '${field}'`);
  }
  if (type === 'env' && env === '') return { id, file: '', env: file };
  return { id, file, env };
}

/**
 * The store for a build's secret specs. Throws, with Tilt's words, on a malformed spec, a
 * missing id, or a file that cannot be read or is too big.
 */
export function secretStore(
  specs: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): SecretStore {
  const sources = new Map<string, SecretSource>();
  for (const spec of specs) {
    let s: SecretSource;
    try {
      s = parseSecret(spec);
      if (s.id === '') throw new Error('secret missing ID');
    } catch (err) {
      throw new Error(`could not parse secret: [${specs.join(' ')}]: ${(err as Error).message}`);
    }
    if (s.env === '' && s.file === '') {
      s = env[s.id] !== undefined ? { ...s, env: s.id } : { ...s, file: s.id };
    }
    if (s.file !== '') {
      const path = resolve(cwd, s.file);
      let size: number;
      try {
        size = statSync(path).size;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why =
          code === 'ENOENT'
            ? 'no such file or directory'
            : code === 'EACCES'
              ? 'permission denied'
              : String(err);
        throw new Error(
          `could not parse secret: [${specs.join(' ')}]: failed to stat ${s.file}: stat ${s.file}: ${why}`,
        );
      }
      if (size > MAX_SECRET_SIZE) {
        throw new Error(
          `could not parse secret: [${specs.join(' ')}]: secret ${s.id} too big. max size 500KB`,
        );
      }
      s = { ...s, file: path };
    }
    sources.set(s.id, s);
  }
  return {
    async get(id) {
      const s = sources.get(id);
      if (s === undefined) return undefined;
      if (s.env !== '') return Buffer.from(env[s.env] ?? '', 'utf8');
      return readFile(s.file);
    },
  };
}
