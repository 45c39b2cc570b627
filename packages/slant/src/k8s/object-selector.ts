// Tilt's ObjectSelector: regexps over apiVersion, kind, name and namespace (k8s_kind,
// k8s_image_json_path, k8s_resource(objects=...)), and the escaped `name:kind:namespace` strings.
import { entityGVK, entityName, entityNamespace, type K8sEntity } from './entity.ts';

/** The API's ObjectSelector spec: Go regexps, empty matching everything. */
export interface ObjectSelectorSpec {
  apiVersionRegexp?: string;
  kindRegexp?: string;
  nameRegexp?: string;
  namespaceRegexp?: string;
}

export interface ObjectSelector {
  readonly spec: ObjectSelectorSpec;
  readonly apiVersion: RegExp;
  readonly kind: RegExp;
  readonly name: RegExp;
  readonly namespace: RegExp;
}

const DELIMITER = ':';
const ESCAPE = '\\';

// Go's `(?i)` flag has no portable JS inline form; lift it to the `i` flag.
function compileGoRegexp(field: string, pattern: string): RegExp {
  const insensitive = pattern.includes('(?i)');
  try {
    return new RegExp(pattern.replaceAll('(?i)', ''), insensitive ? 'iu' : 'u');
  } catch (err) {
    throw new Error(`error parsing ${field} regexp: ${(err as Error).message}`);
  }
}

export function parseObjectSelector(spec: ObjectSelectorSpec): ObjectSelector {
  return {
    spec: withoutEmptyFields(spec),
    apiVersion: compileGoRegexp('apiVersion', spec.apiVersionRegexp ?? ''),
    kind: compileGoRegexp('kind', spec.kindRegexp ?? ''),
    name: compileGoRegexp('name', spec.nameRegexp ?? ''),
    namespace: compileGoRegexp('namespace', spec.namespaceRegexp ?? ''),
  };
}

/** Tilt's JSON omits empty regexps (omitempty), so the spec we emit does too. */
function withoutEmptyFields(spec: ObjectSelectorSpec): ObjectSelectorSpec {
  const out: { -readonly [K in keyof ObjectSelectorSpec]: ObjectSelectorSpec[K] } = {};
  if (spec.apiVersionRegexp) out.apiVersionRegexp = spec.apiVersionRegexp;
  if (spec.kindRegexp) out.kindRegexp = spec.kindRegexp;
  if (spec.nameRegexp) out.nameRegexp = spec.nameRegexp;
  if (spec.namespaceRegexp) out.namespaceRegexp = spec.namespaceRegexp;
  return out;
}

function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

function exactOrEmpty(s: string): string {
  return s === '' ? '' : `^(?i)${quoteMeta(s)}$`;
}

function caseInsensitive(s: string): string {
  return s === '' ? '' : `(?i)${s}`;
}

/** Each non-empty argument must equal the field, ignoring case. */
export function newFullmatchCaseInsensitiveObjectSelector(
  apiVersion: string,
  kind: string,
  name: string,
  namespace: string,
): ObjectSelector {
  return parseObjectSelector({
    apiVersionRegexp: exactOrEmpty(apiVersion),
    kindRegexp: exactOrEmpty(kind),
    nameRegexp: exactOrEmpty(name),
    namespaceRegexp: exactOrEmpty(namespace),
  });
}

/** Each non-empty argument is a case-insensitive regexp found anywhere in the field. */
export function newPartialMatchObjectSelector(
  apiVersion: string,
  kind: string,
  name: string,
  namespace: string,
): ObjectSelector {
  return parseObjectSelector({
    apiVersionRegexp: caseInsensitive(apiVersion),
    kindRegexp: caseInsensitive(kind),
    nameRegexp: caseInsensitive(name),
    namespaceRegexp: caseInsensitive(namespace),
  });
}

export function kindSelector(kind: string): ObjectSelector {
  return newFullmatchCaseInsensitiveObjectSelector('', kind, '', '');
}

export function nameSelectorFor(name: string): ObjectSelector {
  return newFullmatchCaseInsensitiveObjectSelector('', '', name, '');
}

export function objectSelectorMatches(sel: ObjectSelector, e: K8sEntity): boolean {
  const gvk = entityGVK(e);
  const groupVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
  return (
    sel.apiVersion.test(groupVersion) &&
    sel.kind.test(gvk.kind) &&
    sel.name.test(entityName(e)) &&
    sel.namespace.test(entityNamespace(e))
  );
}

export function objectSelectorsEqual(a: ObjectSelector, b: ObjectSelector): boolean {
  const s = (x: ObjectSelectorSpec): string =>
    JSON.stringify([
      x.apiVersionRegexp ?? '',
      x.kindRegexp ?? '',
      x.nameRegexp ?? '',
      x.namespaceRegexp ?? '',
    ]);
  return s(a.spec) === s(b.spec);
}

/** Joins parts with `:`, escaping `\` and `:` inside parts. */
export function selectorStringFromParts(parts: readonly string[]): string {
  return parts
    .map((p) => p.replaceAll(ESCAPE, ESCAPE + ESCAPE).replaceAll(DELIMITER, ESCAPE + DELIMITER))
    .join(DELIMITER);
}

/** Splits on unescaped `:`; `\:` and `\\` are the only escapes. */
export function unescapeAndSplit(s: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let escaping = false;
  const chars = [...s];
  for (const [i, r] of chars.entries()) {
    if (escaping) {
      if (r !== DELIMITER && r !== ESCAPE) {
        const snippet = chars.slice(Math.max(0, i - 3), Math.min(chars.length, i + 3)).join('');
        throw new Error(`invalid escape sequence '${ESCAPE}${r}' in '${snippet}'`);
      }
      cur += r;
      escaping = false;
    } else if (r === DELIMITER) {
      parts.push(cur);
      cur = '';
    } else if (r === ESCAPE) {
      escaping = true;
    } else {
      cur += r;
    }
  }
  parts.push(cur);
  return parts;
}

/** `name[:kind[:namespace]]`, each part matched whole and ignoring case. */
export function selectorFromString(s: string): ObjectSelector {
  const parts = unescapeAndSplit(s);
  if (s.length === 0) throw new Error("selector can't be empty");
  const [name = '', kind = '', namespace = ''] = parts;
  if (parts.length <= 3)
    return newFullmatchCaseInsensitiveObjectSelector('', kind, name, namespace);
  throw new Error(
    `Too many parts in selector. Selectors must contain between 1 and 3 parts (colon separated), found ${parts.length} parts in ${s}`,
  );
}
