// link(url, name='') and the `links=` argument of k8s_resource/local_resource/dc_resource
// (Tilt's internal/tiltfile/links).
import {
  conv,
  List,
  repr,
  StarlarkError,
  Struct,
  str,
  Tuple,
  unpackArgs,
  type Value,
} from '@slant/starlark';
import type { TiltDefinition } from '../registry.ts';
import { goTypeName } from './k8s-args.ts';

export interface ResourceLink {
  readonly url: string;
  readonly name: string;
}

/** A link() value: a struct with `url` and `name`, like Tilt's starlarkstruct-backed Link. */
export class LinkValue extends Struct {
  readonly link: ResourceLink;
  constructor(link: ResourceLink) {
    super(
      [
        ['url', link.url],
        ['name', link.name],
      ],
      'link',
    );
    this.link = link;
  }
}

const SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

// The parts of Go's url.Parse that can fail, and url.String() for a URL given a default scheme.
export function parseURL(u: string): { scheme: string; rest: string } {
  if (/[\x00-\x1f\x7f]/.test(u)) {
    throw new StarlarkError(`parse ${repr(u)}: net/url: invalid control character in URL`);
  }
  const bad = /%(?![0-9a-fA-F]{2})/.exec(u.split('#')[0] ?? '');
  if (bad !== null) {
    const esc = u.slice(bad.index, bad.index + 3);
    throw new StarlarkError(`parse ${repr(u)}: invalid URL escape ${repr(esc)}`);
  }
  const m = SCHEME_RE.exec(u);
  if (m !== null) return { scheme: m[0].slice(0, -1), rest: u.slice(m[0].length) };
  if (u.startsWith(':')) throw new StarlarkError(`parse ${repr(u)}: missing protocol scheme`);
  const firstSegment = u.split(/[/?#]/)[0] ?? '';
  if (!u.startsWith('/') && firstSegment.includes(':')) {
    throw new StarlarkError(`parse ${repr(u)}: first path segment in URL cannot contain colon`);
  }
  return { scheme: '', rest: u };
}

/** Tilt's parseAndMaybeAddScheme: a URL without a scheme gets `http`. */
export function urlWithScheme(u: string): string {
  if (u === '') throw new StarlarkError('url empty');
  const { scheme, rest } = parseURL(u);
  if (scheme !== '') return u;
  // A path-only URL prints as `http://<path>`; an authority (`//host`) keeps its slashes.
  return rest.startsWith('//') ? `http:${rest}` : `http://${rest}`;
}

function validated(u: string): string {
  try {
    return urlWithScheme(u);
  } catch (err) {
    throw new StarlarkError(`validating URL ${repr(u)}: ${(err as Error).message}`);
  }
}

/** LinkList.Unpack: a string, a link, or a sequence of these. */
export function linksConv(v: Value): ResourceLink[] {
  const items = v instanceof List || v instanceof Tuple ? v.elems : [v];
  return items.map((item) => {
    if (typeof item === 'string') return { url: validated(item), name: '' };
    if (item instanceof LinkValue) return item.link;
    throw new StarlarkError(
      `\`Want a string, a link, or a sequence of these; found ${str(item)} (type: ${goTypeName(item)})`,
    );
  });
}

export function linkBuiltin(
  fnName: string,
  args: readonly Value[],
  kwargs: Array<[string, Value]> | null,
): LinkValue {
  const [url = '', name = ''] = unpackArgs(
    fnName,
    args,
    kwargs,
    ['url', conv.string],
    ['name?', conv.string],
  );
  return new LinkValue({ url: validated(url), name });
}

export const linkBuiltins: readonly TiltDefinition[] = [
  { name: 'link', fn: (_run, _t, args, kwargs) => linkBuiltin('link', args, kwargs) },
];
