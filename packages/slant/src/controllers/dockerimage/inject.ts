// What a DockerImage's spec becomes right before the build (Tilt's build/inject.go): the
// cluster's platform, and the refs of base images built earlier written into the Dockerfile.
import type { Cluster, DockerImageSpec, ImageMap } from '@slant/api';
import { type ImageRef, parseNamedTagged } from '../../container/ref.ts';
import {
  type RefSelector,
  selectorFromImageMap,
  selectorString,
} from '../../container/selector.ts';
import { injectImage, parseDockerfile, printDockerfile } from './dockerfile-ast.ts';
import { errorText, type Result } from './refs.ts';

// The architectures BuildKit knows (moby/buildkit archutil); others leave the platform unset.
const VALID_ARCHS = new Set([
  'amd64',
  'arm64',
  'riscv64',
  'ppc64le',
  's390x',
  '386',
  'mips64le',
  'mips64',
  'arm',
]);

/** InjectClusterPlatform: `linux/<cluster arch>` unless the spec names a platform. */
export function injectClusterPlatform(
  spec: DockerImageSpec,
  cluster: Cluster | undefined,
): DockerImageSpec {
  if ((spec.platform ?? '') !== '' || cluster === undefined) return spec;
  const arch = cluster.status?.arch ?? '';
  if (!VALID_ARCHS.has(arch)) return spec;
  // GOARM is how arm versions are told apart; assume v7 as Tilt does.
  return { ...spec, platform: `linux/${arch === 'arm' ? 'arm/v7' : arch}` };
}

/** InjectImageDependencies: FROM / COPY --from of each base image → its freshly built ref. */
export function injectImageDependencies(
  spec: DockerImageSpec,
  imageMaps: ReadonlyMap<string, ImageMap>,
): Result<DockerImageSpec> {
  const deps = spec.imageMaps ?? [];
  if (deps.length === 0) return { ok: true, value: spec };
  const ast = parseDockerfile(spec.dockerfileContents ?? '');
  for (const dep of deps) {
    const image = imageMaps.get(dep)?.status?.imageFromLocal ?? '';
    const im = imageMaps.get(dep);
    if (im === undefined || image === '') {
      return { ok: false, error: `missing image dependency: ${dep}` };
    }
    let ref: ImageRef;
    try {
      ref = parseNamedTagged(image);
    } catch (err) {
      return { ok: false, error: `injectImageDependencies parse: ${errorText(err)}` };
    }
    let selector: RefSelector;
    try {
      selector = selectorFromImageMap(im.spec);
    } catch (err) {
      return { ok: false, error: `injectImageDependencies selector: ${errorText(err)}` };
    }
    if (!injectImage(ast, selector, ref, spec.args ?? [])) {
      return {
        ok: false,
        error: `Could not inject image ${JSON.stringify(image)} into Dockerfile of image ${JSON.stringify(selectorString(selector))}`,
      };
    }
  }
  return { ok: true, value: { ...spec, dockerfileContents: printDockerfile(ast) } };
}
