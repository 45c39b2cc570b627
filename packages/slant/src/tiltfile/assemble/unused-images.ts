// The warning about images that are built but deployed nowhere (Tilt's assertAllImagesMatched,
// with closestmatch's "Did you mean…" suggestions among the image names deploys asked for).
import { selectorFamiliarName, selectorFamiliarString } from '../../container/selector.ts';
import { UNRESOURCED_NAME } from '../../k8s/group.ts';
import type { TiltfileRun } from '../run.ts';
import { unmatchedImages } from '../state/build.ts';
import type { AssembleContext } from './index.ts';

export const UNMATCHED_IMAGE_NO_CONFIGS_WARNING =
  'We could not find any deployment instructions, e.g. `k8s_yaml` or `docker_compose`.\n' +
  'Skipping all image builds until we know how to deploy them.';

export const UNMATCHED_IMAGE_ALL_UNRESOURCED_WARNING =
  'No Kubernetes configs with images found.\n' +
  'If you are using CRDs, add k8s_kind() to tell Tilt how to find images.\n' +
  'https://docs.tilt.dev/api.html#api.k8s_kind';

const BAG_SIZES = [2, 3, 4];

// closestmatch's substring bag; like it, the last substring of each size is left out.
function substrings(word: string): Set<string> {
  const out = new Set<string>();
  for (const j of BAG_SIZES) {
    for (let i = 0; i < word.length - j; i++) {
      const s = word.slice(i, i + j);
      if (s.trim().length > 0) out.add(s);
    }
  }
  return out;
}

/** closestmatch.ClosestN: candidates sharing the most substrings with word, best first. */
export function closestN(candidates: readonly string[], word: string, n: number): string[] {
  const scores = new Map<string, number>();
  const bags = candidates.map((c) => [c, substrings(c.toLowerCase())] as const);
  for (const s of substrings(word)) {
    for (const [c, bag] of bags) if (bag.has(s)) scores.set(c, (scores.get(c) ?? 0) + 1);
  }
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([c]) => c);
}

/** The warning text, or undefined when every (unsuppressed) image is deployed. */
export function unusedImageWarning(run: TiltfileRun, k8sResourceCount: number): string | undefined {
  const suppressed = run.state.settings.update.suppressUnusedImageWarnings;
  const unmatched = unmatchedImages(run.state.build).filter((img) => {
    const name = selectorFamiliarString(img.configurationRef);
    return !suppressed.some((s) => s === '*' || s === name);
  });
  const first = unmatched[0];
  if (first === undefined) return undefined;
  let composeServices = 0;
  for (const p of run.state.compose.projects.values()) composeServices += p.services.size;
  const unresourced = run.state.k8s.unresourced.length;
  if (composeServices === 0 && k8sResourceCount === 0 && unresourced === 0) {
    return UNMATCHED_IMAGE_NO_CONFIGS_WARNING;
  }
  if (k8sResourceCount === 0 && unresourced !== 0) return UNMATCHED_IMAGE_ALL_UNRESOURCED_WARNING;
  const configType = composeServices > 0 ? 'Docker Compose' : 'Kubernetes';
  const matches = closestN(
    run.state.build.consumedImageNames,
    selectorFamiliarName(first.configurationRef),
    3,
  );
  const hint =
    matches.length === 0 ? '' : `Did you mean…\n${matches.map((m) => `    - ${m}\n`).join('')}`;
  const ref = selectorFamiliarString(first.configurationRef);
  return `Image not used in any ${configType} config:\n    ✕ ${ref}\n${hint}Skipping this image build\nIf this is deliberate, suppress this warning with: update_settings(suppress_unused_image_warnings=[${JSON.stringify(ref)}])`;
}

/** Runs after every deploy assembler (k8s, compose) has matched its images (after uncategorized). */
export function assembleUnusedImages(ctx: AssembleContext): void {
  const k8sCount = ctx.resources.filter(
    (r) => r.type === 'k8s' && r.name !== UNRESOURCED_NAME,
  ).length;
  const msg = unusedImageWarning(ctx.run, k8sCount);
  if (msg !== undefined) ctx.warn(msg);
}
