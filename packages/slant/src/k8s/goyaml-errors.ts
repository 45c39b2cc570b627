// go-yaml v2's texts for malformed YAML, from the `yaml` library's errors: Tilt reports what
// go-yaml says (via sigs.k8s.io/yaml), and kubectl users know those texts. go-yaml numbers a
// scanner error's line from 1 but a parser error's from 0 (its `problem_mark.line` as is), so a
// parser error names the line before the one the problem is on.

interface LibError {
  readonly code: string;
  readonly message: string;
  readonly pos: readonly [number, number];
}

function lineAt(src: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < src.length; i++) if (src.charCodeAt(i) === 10) line++;
  return line;
}

/** The offset of the next mapping-value indicator (`:` then a blank) at or after `from`. */
function nextValueIndicator(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    const next = src[i + 1];
    if (src[i] === ':' && (next === undefined || next === ' ' || next === '\n' || next === '\t'))
      return i;
  }
  return from;
}

/** The last non-blank line before `line` (1-based) ends a key with no value (`key:`, `- `). */
function opensBlock(src: string, line: number): boolean {
  const lines = src.split('\n').slice(0, line - 1);
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = lines[i]!.replace(/#.*$/, '').trimEnd();
    if (t.trim() === '') continue;
    return t.endsWith(':') || t.endsWith('-');
  }
  return true;
}

/** go-yaml's `line N: problem` for the library's error, or undefined to keep its own text. */
function goProblem(src: string, err: LibError): { line?: number; problem: string } | undefined {
  const line = lineAt(src, err.pos[0]);
  switch (err.code) {
    case 'BAD_INDENT': {
      // An unclosed flow collection: go-yaml's parser stops at the next token.
      if (err.message.startsWith('Flow sequence'))
        return { line: line - 1, problem: "did not find expected ',' or ']'" };
      if (err.message.startsWith('Flow map'))
        return { line: line - 1, problem: "did not find expected ',' or '}'" };
      return { line: line - 1, problem: 'did not find expected key' };
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (!err.message.startsWith('Nested mappings'))
        return { line: line - 1, problem: 'did not find expected key' };
      return {
        line: lineAt(src, nextValueIndicator(src, err.pos[0])),
        problem: 'mapping values are not allowed in this context',
      };
    case 'TAB_AS_INDENT':
      // A tab where a token starts, or inside a plain scalar that goes on to the next line.
      return {
        line,
        problem: opensBlock(src, line)
          ? 'found character that cannot start any token'
          : 'found a tab character that violates indentation',
      };
    case 'UNEXPECTED_TOKEN':
      if (/^Unexpected flow-(map|seq)-end/.test(err.message))
        return { line: line - 1, problem: 'did not find expected key' };
      return undefined;
    case 'MISSING_CHAR':
      if (/^Missing closing .?quote/.test(err.message))
        return { line: lineAt(src, src.length), problem: 'found unexpected end of stream' };
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The document of the stream that holds `offset`: Kubernetes' YAML reader cuts the stream at
 * `---` lines and go-yaml reads each piece alone, so its lines count from the piece's start.
 */
function documentAt(src: string, offset: number): { start: number; end: number } {
  const sep = /^---[ \t\r]*$/gm;
  let start = 0;
  let end = src.length;
  for (let m = sep.exec(src); m !== null; m = sep.exec(src)) {
    if (m.index >= offset) {
      end = m.index;
      break;
    }
    start = Math.min(src.length, m.index + m[0].length + 1);
  }
  return { start, end };
}

/**
 * sigs.k8s.io/yaml's error text for the first error of a document; `docOffset` is where the
 * document's content starts (the error itself may lie past its `---`, e.g. an open quote).
 */
export function goYAMLErrorText(src: string, err: LibError, docOffset = err.pos[0]): string {
  const doc = documentAt(src, Math.min(docOffset, err.pos[0]));
  const text = src.slice(doc.start, doc.end);
  const local = { ...err, pos: [err.pos[0] - doc.start, err.pos[1] - doc.start] as const };
  const go = goProblem(text, local);
  const line = go === undefined ? lineAt(text, local.pos[0]) : go.line;
  const problem = go?.problem ?? err.message.split(/ at line \d+, column \d+/)[0] ?? err.message;
  const where = line === undefined || line === 0 ? '' : `line ${line}: `;
  return `error converting YAML to JSON: yaml: ${where}${problem}`;
}

/** go-yaml's text for an alias whose anchor is not defined. */
export function goAliasErrorText(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const m = /^Unresolved alias \(the anchor must be set before the alias\): (.*)$/.exec(
    err.message,
  );
  return m === null
    ? undefined
    : `error converting YAML to JSON: yaml: unknown anchor '${m[1]}' referenced`;
}
