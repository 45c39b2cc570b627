// default_registry and local-registry renaming (Tilt's container/registry.go and RefSet): the ref
// Slant pushes to (local) and the ref the cluster pulls (cluster) for an image the user named.
import { type ImageRef, parseNamed, refString, withTag } from './ref.ts';
import { asNamedOnly, type RefSelector, selectorFamiliarName } from './selector.ts';

/** The shape of the API's RegistryHosting (Cluster spec/status). */
export interface RegistryHosting {
  host: string;
  hostFromClusterNetwork?: string;
  hostFromContainerRuntime?: string;
  help?: string;
  singleName?: string;
}

/** The parts of a Cluster object that decide its registry. */
export interface ClusterRegistryInfo {
  spec?: { defaultRegistry?: RegistryHosting };
  status?: { error?: string; registry?: RegistryHosting };
}

// Registry names must be single path components, so `/`, `:` and `@` become `_`.
export function escapeName(s: string): string {
  return s.replace(/[/:@]/g, '_');
}

export function isEmptyRegistry(reg: RegistryHosting | undefined): boolean {
  return reg === undefined || reg.host === '';
}

/**
 * The registry for Slant-built images: the cluster's local registry if it reports one, else the
 * default registry (default_registry in the Tiltfile), else none (refs are used as written).
 */
export function registryFromCluster(
  cluster: ClusterRegistryInfo | undefined,
): RegistryHosting | undefined {
  if (cluster === undefined) return undefined;
  const error = cluster.status?.error ?? '';
  if (error !== '') throw new Error(`cluster not ready: ${error}`);
  const reg = cluster.status?.registry ?? cluster.spec?.defaultRegistry;
  return reg === undefined ? undefined : { ...reg };
}

/** Validates a RegistryHosting; returns Kubernetes-style field errors (empty when valid). */
export function validateRegistryHosting(reg: RegistryHosting): string[] {
  const errors: string[] = [];
  const check = (field: string, value: string): void => {
    try {
      parseNamed(`${value}/fake`);
    } catch (err) {
      errors.push(`${field}: Invalid value: ${JSON.stringify(value)}: ${(err as Error).message}`);
    }
  };
  if (reg.host === '') errors.push('host: Required value');
  else check('host', reg.host);
  const fromRuntime = reg.hostFromContainerRuntime ?? '';
  if (fromRuntime !== '') check('hostFromContainerRuntime', fromRuntime);
  return errors;
}

// Aggregates field errors as apimachinery's ToAggregate().Error() prints them.
function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? (errors[0] ?? '') : `[${errors.join(', ')}]`;
}

function replaceRegistry(defaultReg: string, rs: RefSelector, singleName: string): ImageRef {
  const named = asNamedOnly(rs);
  if (named === undefined) throw new Error('empty image selector');
  if (defaultReg === '') return named;
  // Users sometimes write the local registry into their YAML already (tilt#4911).
  if (selectorFamiliarName(rs).startsWith(`${defaultReg}/`)) return named;
  const newRefString =
    singleName === ''
      ? `${defaultReg}/${escapeName(selectorFamiliarName(rs))}`
      : `${defaultReg}/${singleName}`;
  try {
    return parseNamed(newRefString);
  } catch (err) {
    throw new Error(
      `Error parsing ${newRefString} after applying default registry ${defaultReg}: ${(err as Error).message}`,
    );
  }
}

/** The ref as seen by the user's machine (docker build, docker push). */
export function replaceRegistryForLocalRef(
  rs: RefSelector,
  reg: RegistryHosting | undefined,
): ImageRef {
  if (reg === undefined || isEmptyRegistry(reg)) return replaceRegistry('', rs, '');
  return replaceRegistry(reg.host, rs, reg.singleName ?? '');
}

/** The ref as the cluster's container runtime pulls it (hostFromContainerRuntime, else host). */
export function replaceRegistryForContainerRuntimeRef(
  rs: RefSelector,
  reg: RegistryHosting | undefined,
): ImageRef {
  if (reg === undefined || isEmptyRegistry(reg)) return replaceRegistry('', rs, '');
  const host = reg.hostFromContainerRuntime || reg.host;
  return replaceRegistry(host, rs, reg.singleName ?? '');
}

/** An image's configuration ref plus the registry it is pushed to. */
export interface RefSet {
  readonly configurationRef: RefSelector;
  readonly registry: RegistryHosting | undefined;
}

export interface TaggedRefs {
  readonly localRef: ImageRef;
  readonly clusterRef: ImageRef;
}

/** `NewRefSet`: validates that both derived refs can be built. */
export function newRefSet(configurationRef: RefSelector, registry?: RegistryHosting): RefSet {
  const rs: RefSet = { configurationRef, registry };
  const wrap = (msg: string): Error =>
    new Error(
      `validating new RefSet with configuration ref ${JSON.stringify(
        configurationRef.ref === undefined ? '' : refString(configurationRef.ref),
      )}: ${msg}`,
    );
  if (registry !== undefined) {
    const errors = validateRegistryHosting(registry);
    if (errors.length > 0) throw wrap(aggregate(errors));
  }
  try {
    replaceRegistryForLocalRef(configurationRef, registry);
    replaceRegistryForContainerRuntimeRef(configurationRef, registry);
  } catch (err) {
    throw wrap((err as Error).message);
  }
  return rs;
}

export function localRef(rs: RefSet): ImageRef {
  return replaceRegistryForLocalRef(rs.configurationRef, rs.registry);
}

export function clusterRef(rs: RefSet): ImageRef {
  return replaceRegistryForContainerRuntimeRef(rs.configurationRef, rs.registry);
}

export function withoutRegistry(rs: RefSet): RefSet {
  return { configurationRef: rs.configurationRef, registry: undefined };
}

/**
 * Tags both refs with `suffix`. With single_name (ECR-style one repository) the tag also carries
 * the escaped image name so different images stay apart: `[escaped-name]-[suffix]`.
 */
export function addTagSuffix(rs: RefSet, suffix: string): TaggedRefs {
  let tag = suffix;
  const singleName = rs.registry?.singleName ?? '';
  if (singleName !== '') {
    const base = selectorFamiliarName(rs.configurationRef).split('/').pop() ?? '';
    tag = `${escapeName(base)}-${tag}`;
  }
  const local = localRef(rs);
  const cluster = clusterRef(rs);
  const tagged = (which: string, ref: ImageRef): ImageRef => {
    try {
      return withTag(ref, tag);
    } catch (err) {
      throw new Error(`tagging ${which} ${refString(ref)} as ${tag}: ${(err as Error).message}`);
    }
  };
  return { localRef: tagged('localRef', local), clusterRef: tagged('clusterRef', cluster) };
}
