// Rewrites the images a Dockerfile builds on to freshly built refs (Tilt's dockerfile.AST:
// ParseAST, InjectImageDigest, Print). Like Tilt, the Dockerfile is parsed into instructions and
// printed back in normal form: keywords upper case, continuations joined, comments dropped but
// line positions kept, so the rewritten file lines up with the original in error messages.
import { familiarString, type ImageRef, parseNormalizedNamed } from '../../container/ref.ts';
import { type RefSelector, selectorMatches } from '../../container/selector.ts';

interface Node {
  /** Lower-case instruction keyword. */
  readonly cmd: string;
  /** The keyword as written. */
  readonly keyword: string;
  flags: string[];
  /** Arguments (for JSON forms, the decoded strings). */
  args: string[];
  readonly json: boolean;
  readonly startLine: number;
}

export interface DockerfileAst {
  readonly directives: readonly { name: string; value: string }[];
  readonly nodes: Node[];
}

const JSON_FORM = new Set(['run', 'cmd', 'entrypoint', 'shell', 'copy', 'add', 'volume']);
const WHITESPACE_ARGS = new Set(['from', 'copy', 'add', 'expose', 'volume', 'arg', 'onbuild']);
const KEY_VALUE = new Set(['env', 'label']);

// Splits on whitespace, keeping quoted runs together (quotes stay in the words).
function words(s: string): string[] {
  const out: string[] = [];
  const re = /(?:[^\s"']+|"(?:[^"\\]|\\.)*"|'[^']*')+/g;
  for (const m of s.matchAll(re)) out.push(m[0]);
  return out;
}

function parseInstruction(line: string, startLine: number): Node {
  const m = /^(\S+)\s*(.*)$/s.exec(line.trim());
  const keyword = m?.[1] ?? '';
  const cmd = keyword.toLowerCase();
  let rest = (m?.[2] ?? '').trim();
  const flags: string[] = [];
  for (;;) {
    const f = /^(--\S+)\s*/.exec(rest);
    if (f === null) break;
    flags.push(f[1] ?? '');
    rest = rest.slice(f[0].length);
  }
  if (JSON_FORM.has(cmd) && rest.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(rest);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) {
        return { cmd, keyword, flags, args: parsed, json: true, startLine };
      }
    } catch {
      // Not JSON after all: the shell form.
    }
  }
  let args: string[];
  if (WHITESPACE_ARGS.has(cmd)) args = words(rest);
  else if (KEY_VALUE.has(cmd)) args = keyValues(rest);
  else args = rest === '' ? [] : [rest];
  return { cmd, keyword, flags, args, json: false, startLine };
}

// ENV/LABEL as key, value, separator triples (buildkit's parseNameVal), old `ENV k v v` form too.
function keyValues(rest: string): string[] {
  const ws = words(rest);
  if (ws.length > 0 && !(ws[0] ?? '').includes('=')) {
    const [k = '', ...v] = rest.split(/\s+/);
    return [k, rest.slice(k.length).trim() || v.join(' '), ''];
  }
  const out: string[] = [];
  for (const w of ws) {
    const i = w.indexOf('=');
    out.push(i < 0 ? w : w.slice(0, i), i < 0 ? '' : w.slice(i + 1), '=');
  }
  return out;
}

export function parseDockerfile(src: string): DockerfileAst {
  const lines = src.split(/\r?\n/);
  const directives: { name: string; value: string }[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const d = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(lines[i] ?? '');
    if (d === null) break;
    directives.push({ name: (d[1] ?? '').toLowerCase(), value: d[2] ?? '' });
  }
  const escapeChar = directives.find((d) => d.name === 'escape')?.value === '`' ? '`' : '\\';
  const nodes: Node[] = [];
  let cur = '';
  let start = 0;
  for (; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    if (cur === '') start = i + 1;
    const trimmed = raw.replace(/\s+$/, '');
    if (trimmed.endsWith(escapeChar)) {
      cur += trimmed.slice(0, -1);
      continue;
    }
    nodes.push(parseInstruction(cur + raw, start));
    cur = '';
  }
  if (cur.trim() !== '') nodes.push(parseInstruction(cur, start));
  return { directives, nodes };
}

// Go's %q for the JSON forms.
function quote(s: string): string {
  return JSON.stringify(s);
}

function printNode(n: Node): string {
  const head = [n.keyword.toUpperCase(), ...n.flags];
  if (n.json) return `${head.join(' ')} [${n.args.map(quote).join(', ')}]`;
  if (KEY_VALUE.has(n.cmd)) {
    const parts = [head.join(' ')];
    for (let i = 0; i < n.args.length; i += 3) parts.push(`${n.args[i]}=${n.args[i + 1] ?? ''}`);
    return parts.join(' ');
  }
  return [...head, ...n.args].join(' ');
}

/** Prints the Dockerfile back, one line per instruction at its original line. */
export function printDockerfile(ast: DockerfileAst): string {
  let out = '';
  let line = 1;
  for (const d of ast.directives) {
    out += `# ${d.name} = ${d.value}\n`;
    line++;
  }
  for (const n of ast.nodes) {
    while (line < n.startLine) {
      out += '\n';
      line++;
    }
    out += `${printNode(n)}\n`;
    line = n.startLine + 1;
  }
  return out;
}

// Shell-style $VAR / ${VAR} / ${VAR:-default} / ${VAR:+alt} expansion with quote removal.
function expand(word: string, vars: ReadonlyMap<string, string>): string {
  const re = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)|"|'/g;
  return word.replace(re, (...m: unknown[]) => {
    if (m[0] === '"' || m[0] === "'") return '';
    const name = (m[1] ?? m[5]) as string;
    const v = vars.get(name);
    const op = m[3] as string | undefined;
    if (op === undefined) return v ?? '';
    const set = m[2] === ':' ? v !== undefined && v !== '' : v !== undefined;
    const alt = m[4] as string;
    return op === '-' ? (set ? (v ?? '') : alt) : set ? alt : '';
  });
}

interface ArgDef {
  readonly key: string;
  readonly value: string | undefined;
}

function argDefs(n: Node): ArgDef[] {
  return n.args.map((a) => {
    const i = a.indexOf('=');
    return i < 0 ? { key: a, value: undefined } : { key: a.slice(0, i), value: a.slice(i + 1) };
  });
}

// Tilt's fakeArgsMap: later entries win; an ARG without a value resets the variable to ''.
function argsMap(defs: readonly ArgDef[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const d of defs) m.set(d.key, d.value === undefined ? '' : expand(d.value, m));
  return m;
}

function tryParse(s: string): ImageRef | undefined {
  try {
    return parseNormalizedNamed(s);
  } catch {
    return undefined;
  }
}

/**
 * Replaces every FROM base and `COPY --from` image the selector matches with `ref`; returns
 * whether anything matched. Build args (`KEY=value`) take part in expanding `FROM $BASE`.
 */
export function injectImage(
  ast: DockerfileAst,
  selector: RefSelector,
  ref: ImageRef,
  buildArgs: readonly string[],
): boolean {
  const given: ArgDef[] = buildArgs.map((a) => {
    const i = a.indexOf('=');
    return i < 0 ? { key: a, value: undefined } : { key: a.slice(0, i), value: a.slice(i + 1) };
  });
  // Dockerfile ARGs are defaults, so they go in front of the given args, newest first.
  let meta: ArgDef[] = [...given];
  let modified = false;
  for (const n of ast.nodes) {
    if (n.cmd === 'arg') {
      meta = [...argDefs(n).reverse(), ...meta];
    } else if (n.cmd === 'from') {
      const base = n.args[0];
      if (base === undefined) continue;
      const found = tryParse(expand(base, argsMap(meta)));
      if (found !== undefined && selectorMatches(selector, found)) {
        n.args[0] = familiarString(ref);
        modified = true;
      }
    } else if (n.cmd === 'copy') {
      n.flags = n.flags.map((f) => {
        if (!f.startsWith('--from=')) return f;
        const found = tryParse(f.slice('--from='.length));
        if (found === undefined || !selectorMatches(selector, found)) return f;
        modified = true;
        return `--from=${familiarString(ref)}`;
      });
    }
  }
  return modified;
}
