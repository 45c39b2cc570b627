// The names a custom_build command is asked to produce and the variables that tell it (Tilt's
// CustomBuilder.Build, first half), and reading the ref a command wrote to a file.
import type { CmdImageSpec, RegistryHosting } from '@slant/api';
import type { Clock } from '../../clock.ts';
import {
  familiarString,
  type ImageRef,
  parseNamed,
  parseNamedTagged,
  refName,
  withTag,
} from '../../container/ref.ts';
import {
  addTagSuffix,
  type RefSet,
  type TaggedRefs,
  withoutRegistry,
} from '../../container/registry.ts';
import { errorText, type Result } from '../dockerimage/refs.ts';

/**
 * The refs the command should build, or undefined in outputs_image_ref_to mode (the command
 * names the image itself). With `tag=`, the command does not know the registry: Slant adds it.
 */
export function expectedRefs(
  spec: CmdImageSpec,
  refs: RefSet,
  clock: Clock,
): Result<TaggedRefs | undefined> {
  if ((spec.outputsImageRefTo ?? '') !== '') return { ok: true, value: undefined };
  try {
    const tag = spec.outputTag ?? '';
    if (tag !== '') return { ok: true, value: addTagSuffix(withoutRegistry(refs), tag) };
    const seconds = Math.floor(clock.now().getTime() / 1000);
    return { ok: true, value: addTagSuffix(refs, `tilt-build-${seconds}`) };
  } catch (err) {
    return { ok: false, error: `custom_build: ${errorText(err)}` };
  }
}

/** EXPECTED_REF, EXPECTED_IMAGE, EXPECTED_TAG, REGISTRY_HOST, EXPECTED_REGISTRY. */
export function expectedEnv(
  expected: ImageRef | undefined,
  registry: RegistryHosting | undefined,
): string[] {
  const env: string[] = [];
  if (expected !== undefined) {
    env.push(
      `EXPECTED_REF=${familiarString(expected)}`,
      `EXPECTED_IMAGE=${expected.path}`,
      `EXPECTED_TAG=${expected.tag ?? ''}`,
    );
  }
  const host = registry?.host ?? '';
  // REGISTRY_HOST is the older name, kept as Tilt keeps it.
  if (host !== '') env.push(`REGISTRY_HOST=${host}`, `EXPECTED_REGISTRY=${host}`);
  return env;
}

/** readImageRef: the ref the command wrote, and its name for the cluster's runtime. */
export function parseWrittenRef(
  path: string,
  contents: string,
  registry: RegistryHosting | undefined,
): Result<TaggedRefs> {
  let ref: ImageRef;
  try {
    ref = parseNamedTagged(contents.trim());
  } catch (err) {
    return { ok: false, error: `Output image ref in file ${path} was invalid: ${errorText(err)}` };
  }
  let clusterRef = ref;
  const fromRuntime = registry?.hostFromContainerRuntime ?? '';
  if (registry !== undefined && fromRuntime !== '') {
    try {
      const renamed = parseNamed(refName(ref).replace(registry.host, fromRuntime));
      clusterRef = withTag(renamed, ref.tag ?? '');
    } catch (err) {
      return { ok: false, error: `Error converting image ref for cluster: ${errorText(err)}` };
    }
  }
  return { ok: true, value: { localRef: ref, clusterRef } };
}
