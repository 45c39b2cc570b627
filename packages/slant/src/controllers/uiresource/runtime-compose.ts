// The runtime half of a Compose resource's UIResource: the container's state (Tilt's
// dockercompose.State.RuntimeStatus, plus health) and the links Tilt infers from published ports.
import type { DockerComposeService, UIResourceLink, UIResourceStatus } from '@slant/api';
import type { Manifest } from '../../engine/manifest.ts';
import { composeRuntime } from '../dockercomposeservice/status.ts';

/** Tilt's order: declared published ports, then ports Docker bound, then the resource's links. */
export function composeLinks(m: Manifest, svc: DockerComposeService | undefined): UIResourceLink[] {
  const infer = m.compose?.inferLinks !== false;
  const seen = new Set<number>();
  const out: UIResourceLink[] = [];
  const add = (p: number) => {
    if (p === 0 || seen.has(p)) return;
    seen.add(p);
    if (infer) out.push({ url: `http://localhost:${p}/` });
  };
  for (const p of m.compose?.publishedPorts ?? []) add(p);
  for (const b of svc?.status?.portBindings ?? []) add(b.hostPort ?? 0);
  for (const l of m.links)
    out.push({ url: l.url, ...(l.name === undefined ? {} : { name: l.name }) });
  return out;
}

export function composeRuntimeStatus(
  m: Manifest,
  svc: DockerComposeService | undefined,
): Partial<UIResourceStatus> {
  const applied = svc?.status?.lastApplyStartTime !== undefined;
  const rt = composeRuntime(svc?.status);
  const health = svc?.status?.containerState?.healthStatus;
  return {
    endpointLinks: composeLinks(m, svc),
    // Before the first `up` the service is waiting to be deployed.
    runtimeStatus: !applied && rt === 'unknown' ? 'pending' : rt,
    composeResourceInfo: health === undefined ? {} : { healthStatus: health },
  };
}
