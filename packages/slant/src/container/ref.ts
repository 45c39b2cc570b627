// Docker image references, following docker/distribution's `reference` package: the grammar,
// the normalisation of familiar names (`nginx` → `docker.io/library/nginx`) and its error texts,
// which users see verbatim in Tilt.

/** A named reference: `domain/path[:tag][@digest]`. `domain` is '' only for unnormalised refs. */
export interface ImageRef {
  readonly domain: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

export const NAME_TOTAL_LENGTH_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const DEFAULT_TAG = 'latest';

export const ERR_REFERENCE_INVALID_FORMAT = 'invalid reference format';
export const ERR_TAG_INVALID_FORMAT = 'invalid tag format';
export const ERR_DIGEST_INVALID_FORMAT = 'invalid digest format';
export const ERR_NAME_CONTAINS_UPPERCASE = 'repository name must be lowercase';
export const ERR_NAME_EMPTY = 'repository name must have at least one component';
export const ERR_NAME_TOO_LONG = `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`;
export const ERR_NAME_NOT_CANONICAL = 'repository name must be canonical';

// The grammar, built from the same pieces as distribution's regexp.go.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = host + optionalPort;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRegexp = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredTagRegexp = new RegExp(`^${tagPat}$`);
const anchoredDigestRegexp = new RegExp(`^${digestPat}$`);
const anchoredIdentifierRegexp = /^([a-f0-9]{64})$/;

// go-digest's algorithms and their hex lengths.
const digestAlgorithms: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** Validates a digest as go-digest's `Parse` does, throwing its error texts. */
export function validateDigest(d: string): void {
  const i = d.indexOf(':');
  if (i <= 0 || i + 1 === d.length) throw new Error('invalid checksum digest format');
  const algorithm = d.slice(0, i);
  const encoded = d.slice(i + 1);
  const size = digestAlgorithms[algorithm];
  if (size === undefined) {
    if (!anchoredDigestRegexp.test(d)) throw new Error('invalid checksum digest format');
    throw new Error('unsupported digest algorithm');
  }
  if (encoded.length !== size) throw new Error('invalid checksum digest length');
  if (!/^[a-f0-9]+$/.test(encoded)) throw new Error('invalid checksum digest format');
}

/** `Parse`: the reference as written, without normalising a familiar name. */
export function parseReference(s: string): ImageRef {
  const m = referenceRegexp.exec(s);
  if (m === null) {
    if (s === '') throw new Error(ERR_NAME_EMPTY);
    if (referenceRegexp.test(s.toLowerCase())) throw new Error(ERR_NAME_CONTAINS_UPPERCASE);
    throw new Error(ERR_REFERENCE_INVALID_FORMAT);
  }
  const name = m[1] ?? '';
  const nm = anchoredNameRegexp.exec(name);
  const domain = nm?.[1] ?? '';
  const path = nm === null ? name : (nm[2] ?? '');
  if (path.length > NAME_TOTAL_LENGTH_MAX) throw new Error(ERR_NAME_TOO_LONG);
  const tag = m[2];
  const digest = m[3];
  if (digest !== undefined) validateDigest(digest);
  return makeRef(domain, path, tag, digest);
}

function makeRef(domain: string, path: string, tag?: string, digest?: string): ImageRef {
  return {
    domain,
    path,
    ...(tag !== undefined && tag !== '' ? { tag } : {}),
    ...(digest !== undefined && digest !== '' ? { digest } : {}),
  };
}

// Splits off a registry domain, defaulting to Docker Hub (distribution's splitDockerDomain).
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash < 0) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') {
    [domain, remote] = [maybeDomain, maybeRemote];
  } else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) {
    [domain, remote] = [DEFAULT_DOMAIN, maybeRemote];
  } else if (/[.:]/.test(maybeDomain) || maybeDomain.toLowerCase() !== maybeDomain) {
    // A '.' or ':' means a host name or port; uppercase is never a valid namespace.
    [domain, remote] = [maybeDomain, maybeRemote];
  } else {
    [domain, remote] = [DEFAULT_DOMAIN, name];
  }
  if (domain === DEFAULT_DOMAIN && !remote.includes('/')) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

/** `ParseNormalizedNamed`: `nginx:1.2` → `docker.io/library/nginx:1.2`. */
export function parseNormalizedNamed(s: string): ImageRef {
  if (anchoredIdentifierRegexp.test(s)) {
    throw new Error(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    throw new Error(`invalid reference format: repository name (${remote}) must be lowercase`);
  }
  return parseReference(`${domain}/${remainder}`);
}

/** `ParseNamed`: like parseNormalizedNamed, but the input must already be canonical. */
export function parseNamed(s: string): ImageRef {
  const ref = parseNormalizedNamed(s);
  if (refString(ref) !== s) throw new Error(ERR_NAME_NOT_CANONICAL);
  return ref;
}

/** Tilt's ParseNamedTagged: a normalised reference that must carry a tag. */
export function parseNamedTagged(s: string): ImageRef {
  let ref: ImageRef;
  try {
    ref = parseNormalizedNamed(s);
  } catch (err) {
    throw new Error(`parsing ${JSON.stringify(s)}: ${(err as Error).message}`);
  }
  if (ref.tag === undefined) {
    throw new Error(`Expected reference ${JSON.stringify(s)} to contain a tag`);
  }
  return ref;
}

/** `ParseDockerRef`: digested if it has a digest, else tagged (`latest` by default). */
export function parseDockerRef(s: string): ImageRef {
  const ref = parseNormalizedNamed(s);
  if (ref.digest !== undefined) return makeRef(ref.domain, ref.path, undefined, ref.digest);
  return tagNameOnly(ref);
}

/** `WithName`: a name-only reference from `domain/path`, without normalising. */
export function withName(name: string): ImageRef {
  const m = anchoredNameRegexp.exec(name);
  if (m === null) throw new Error(ERR_REFERENCE_INVALID_FORMAT);
  const path = m[2] ?? '';
  if (path.length > NAME_TOTAL_LENGTH_MAX) throw new Error(ERR_NAME_TOO_LONG);
  return makeRef(m[1] ?? '', path);
}

/** `WithTag`: replaces the tag, keeping a digest if there is one. */
export function withTag(ref: ImageRef, tag: string): ImageRef {
  if (!anchoredTagRegexp.test(tag)) throw new Error(ERR_TAG_INVALID_FORMAT);
  return makeRef(ref.domain, ref.path, tag, ref.digest);
}

/** `WithDigest`: replaces the digest, keeping a tag if there is one. */
export function withDigest(ref: ImageRef, digest: string): ImageRef {
  if (!anchoredDigestRegexp.test(digest)) throw new Error(ERR_DIGEST_INVALID_FORMAT);
  return makeRef(ref.domain, ref.path, ref.tag, digest);
}

/** `TrimNamed`: the name without tag or digest. */
export function trimNamed(ref: ImageRef): ImageRef {
  return makeRef(ref.domain, ref.path);
}

/** `TagNameOnly`: adds `:latest` to a reference with neither tag nor digest. */
export function tagNameOnly(ref: ImageRef): ImageRef {
  if (ref.tag !== undefined || ref.digest !== undefined) return ref;
  return makeRef(ref.domain, ref.path, DEFAULT_TAG);
}

/** `Name()`: `domain/path`. */
export function refName(ref: ImageRef): string {
  return ref.domain === '' ? ref.path : `${ref.domain}/${ref.path}`;
}

/** `String()`: `domain/path[:tag][@digest]`. */
export function refString(ref: ImageRef): string {
  let s = refName(ref);
  if (ref.tag !== undefined) s += `:${ref.tag}`;
  if (ref.digest !== undefined) s += `@${ref.digest}`;
  return s;
}

function familiarize(ref: ImageRef): ImageRef {
  if (ref.domain !== DEFAULT_DOMAIN) return ref;
  let path = ref.path;
  if (path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = path.slice(OFFICIAL_REPO_PREFIX.length);
    // Only official images live directly under library/; deeper paths keep the prefix.
    if (!rest.includes('/')) path = rest;
  }
  return { ...ref, domain: '', path };
}

/** `FamiliarName`: `docker.io/library/nginx` → `nginx`. */
export function familiarName(ref: ImageRef): string {
  return refName(familiarize(ref));
}

/** `FamiliarString`: `docker.io/library/nginx:1.2` → `nginx:1.2`. */
export function familiarString(ref: ImageRef): string {
  return refString(familiarize(ref));
}

/** Tilt's ImageNamesEqual: both parse and name the same repository, tags aside. */
export function imageNamesEqual(a: string, b: string): boolean {
  try {
    return familiarName(parseNormalizedNamed(a)) === familiarName(parseNormalizedNamed(b));
  } catch {
    return false;
  }
}
