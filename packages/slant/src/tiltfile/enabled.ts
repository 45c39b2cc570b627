// Which resources start enabled (Tilt's config Settings.EnabledResources): all, none
// (config.clear_enabled_resources), those named by config.set_enabled_resources, or — when
// config.parse() was not called — those named by the Tiltfile args; named resources bring their
// resource_deps along, and `uncategorized` is always on.
import { AssemblyError } from './assemble/index.ts';
import type { TiltfileResource } from './assemble/model.ts';
import type { TiltfileRun } from './run.ts';

export const UNRESOURCED_YAML_NAME = 'uncategorized';

function quotedList(names: readonly string[]): string {
  return names.map((n) => JSON.stringify(n)).join(', ');
}

/** The enabled resource names, in resource order. Throws AssemblyError on unknown names. */
export function enabledResourceNames(
  run: TiltfileRun,
  resources: readonly TiltfileResource[],
): Set<string> {
  const cfg = run.state.config;
  if (cfg.disableAll) return new Set();
  let requested: readonly string[] = [];
  if (cfg.enabledResources !== undefined) requested = cfg.enabledResources;
  else if (!cfg.parseCalled) requested = run.args;
  if (requested.length === 0) return new Set(resources.map((r) => r.name));

  const byName = new Map(resources.map((r) => [r.name, r]));
  const chosen = new Set<string>();
  const add = (name: string): void => {
    if (chosen.has(name)) return;
    chosen.add(name);
    for (const dep of byName.get(name)?.resourceDeps ?? []) add(dep);
  };
  const unknown: string[] = [];
  for (const name of requested) {
    if (byName.has(name)) add(name);
    else unknown.push(name);
  }
  if (unknown.length > 0) {
    const req = new Set(requested);
    const existing = resources.map((r) => r.name).filter((n) => !req.has(n));
    throw new AssemblyError(
      `You specified some resources that could not be found: ${quotedList(unknown)}\nIs this a typo? Existing resources in Tiltfile: ${quotedList(existing)}`,
    );
  }
  return new Set(
    resources.map((r) => r.name).filter((n) => chosen.has(n) || n === UNRESOURCED_YAML_NAME),
  );
}
