// update_settings, ci_settings, version_settings, secret_settings, watch_settings,
// docker_prune_settings, analytics_settings, experimental_analytics_report, enable_feature,
// disable_feature, disable_snapshots, set_team, experimental_telemetry_cmd,
// experimental_metrics_settings (Tilt's settings plugins).
import type { Value } from '@slant/starlark';
import { conv, None, StarlarkError, unpackArgs } from '@slant/starlark';
import { parseGoDuration } from '../godur.ts';
import type { TiltBuiltinFn, TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { hostString, starString } from '../run.ts';
import { parseSemVer, parseSemVerRange } from '../semver.ts';
import { FEATURE_DEFAULTS } from '../state/settings.ts';
import { stringOrStringList, stringStringMap } from '../value.ts';
import { goTypeName } from '../value.ts';

/** The Tilt version whose behaviour Slant follows (version_settings constraints check it). */
export const TILT_VERSION = '0.37.6';

/** updatesettings.valueToInt: None/absent = not passed; otherwise an int32. */
function int32Arg(fn: string, param: string, v: Value | undefined): number | undefined {
  if (v === undefined || v === None) return undefined;
  if (typeof v !== 'number' && typeof v !== 'bigint') {
    throw new StarlarkError(`${fn}: for parameter "${param}": got ${goTypeName(v)}, want int`);
  }
  if (v < -(2 ** 31) || v > 2 ** 31 - 1) {
    throw new StarlarkError(`${fn}: for parameter "${param}": ${v} out of range`);
  }
  return Number(v);
}

/** value.Duration: a Go duration string. */
function duration(v: Value): number {
  if (typeof v !== 'string') throw new StarlarkError(`Expected string. Got: ${typeOf(v)}`);
  try {
    return parseGoDuration(hostString(v));
  } catch (e) {
    throw new StarlarkError(starString((e as Error).message));
  }
}

function typeOf(v: Value): string {
  return typeof v === 'object' ? v.type : typeof v === 'boolean' ? 'bool' : 'int';
}

const updateSettings: TiltBuiltinFn = (run, _thread, args, kwargs) => {
  const [mpu, kuts, unused, ssa] = unpackArgs(
    'update_settings',
    args,
    kwargs,
    ['max_parallel_updates?', conv.value],
    ['k8s_upsert_timeout_secs?', conv.value],
    ['suppress_unused_image_warnings?', stringOrStringList],
    ['k8s_server_side_apply?', conv.string],
  );
  const maxParallel = int32Arg('update_settings', 'max_parallel_updates', mpu);
  if (maxParallel !== undefined && maxParallel < 1) {
    throw new StarlarkError(`max number of parallel updates must be >= 1(got: ${maxParallel})`);
  }
  const timeout = int32Arg('update_settings', 'k8s_upsert_timeout_secs', kuts);
  if (timeout !== undefined && timeout < 1) {
    throw new StarlarkError(`minimum k8s upsert timeout is 1s; got ${timeout}s`);
  }
  const side = ssa ?? '';
  if (side !== '' && side !== 'true' && side !== 'false' && side !== 'auto') {
    throw new StarlarkError(
      `update_settings: k8s_server_side_apply must be "true", "false", or "auto"; got ${JSON.stringify(hostString(side))}`,
    );
  }
  const u = run.state.settings.update;
  if (maxParallel !== undefined) u.maxParallelUpdates = maxParallel;
  if (timeout !== undefined) u.k8sUpsertTimeoutSecs = timeout;
  u.suppressUnusedImageWarnings.push(...(unused ?? []).map(hostString));
  if (side !== '') u.k8sServerSideApply = side;
  return None;
};

function setFeature(run: TiltfileRun, name: string, enabled: boolean): void {
  const def = FEATURE_DEFAULTS[name];
  if (def === undefined) throw new StarlarkError(starString(`Unknown feature flag: ${name}`));
  if (def.obsolete) run.warn(starString(`Obsolete feature flag: ${name}`));
  else run.state.settings.features.set(name, enabled);
}

const feature =
  (enabled: boolean): TiltBuiltinFn =>
  (run, _thread, args, kwargs) => {
    const [flag] = unpackArgs(enabled ? 'enable_feature' : 'disable_feature', args, kwargs, [
      'msg',
      conv.string,
    ]);
    setFeature(run, hostString(flag!), enabled);
    return None;
  };

export const settingsBuiltins: readonly TiltDefinition[] = [
  { name: 'update_settings', fn: updateSettings },
  {
    name: 'ci_settings',
    fn: (run, _thread, args, kwargs) => {
      const [grace, timeout, readiness] = unpackArgs(
        'ci_settings',
        args,
        kwargs,
        ['k8s_grace_period?', duration],
        ['timeout?', duration],
        ['readiness_timeout?', duration],
      );
      const ci = run.state.settings.ci;
      if (grace !== undefined) ci.k8sGracePeriodMs = grace;
      if (timeout !== undefined) ci.timeoutMs = timeout;
      if (readiness !== undefined) ci.readinessTimeoutMs = readiness;
      return None;
    },
  },
  {
    name: 'version_settings',
    fn: (run, _thread, args, kwargs) => {
      const [check, constraint] = unpackArgs(
        'version_settings',
        args,
        kwargs,
        ['check_updates?', conv.bool],
        ['constraint?', conv.string],
      );
      const v = run.state.settings.version;
      if (check !== undefined) v.checkUpdates = check;
      const c = hostString(constraint ?? '');
      if (c !== '') {
        let matches: (x: ReturnType<typeof parseSemVer>) => boolean;
        try {
          matches = parseSemVerRange(c);
        } catch (e) {
          throw new StarlarkError(
            starString(`error parsing version constraint: ${(e as Error).message}`),
          );
        }
        if (!matches(parseSemVer(TILT_VERSION))) {
          throw new StarlarkError(
            starString(
              `you are running Tilt version ${TILT_VERSION}, which doesn't match the version constraint specified in your Tiltfile: '${c}'`,
            ),
          );
        }
        v.constraint = c;
      }
      return None;
    },
  },
  {
    name: 'secret_settings',
    fn: (run, _thread, args, kwargs) => {
      const [disable] = unpackArgs('secret_settings', args, kwargs, ['disable_scrub', conv.bool]);
      run.state.settings.secret.scrubSecrets = !disable;
      return None;
    },
  },
  {
    name: 'watch_settings',
    fn: (run, _thread, args, kwargs) => {
      const [ignore] = unpackArgs('watch_settings', args, kwargs, ['ignore?', stringOrStringList]);
      run.state.settings.watchIgnores.push(...(ignore ?? []).map(hostString));
      return None;
    },
  },
  {
    name: 'docker_prune_settings',
    fn: (run, _thread, args, kwargs) => {
      const [disable, maxAge, numBuilds, interval, keepRecent] = unpackArgs(
        'docker_prune_settings',
        args,
        kwargs,
        ['disable?', conv.bool],
        ['max_age_mins?', conv.int],
        ['num_builds?', conv.int],
        ['interval_hrs?', conv.int],
        ['keep_recent?', conv.value],
      );
      if ((numBuilds ?? 0) !== 0 && (interval ?? 0) !== 0) {
        throw new StarlarkError(
          "can't specify both 'prune every X builds' and 'prune every Y hours'; please pass only one of `num_builds` and `interval_hrs`",
        );
      }
      const p = run.state.settings.dockerPrune;
      p.enabled = disable !== true;
      if ((maxAge ?? 0) !== 0) p.maxAgeMins = maxAge!;
      p.numBuilds = numBuilds ?? 0;
      if ((interval ?? 0) !== 0) p.intervalHrs = interval!;
      if (keepRecent !== undefined) {
        if (typeof keepRecent !== 'number' || keepRecent < -(2 ** 31) || keepRecent >= 2 ** 31) {
          throw new StarlarkError(`got ${typeOf(keepRecent)}, want int`);
        }
        p.keepRecent = keepRecent;
      }
      return None;
    },
  },
  {
    name: 'analytics_settings',
    fn: (run, _thread, args, kwargs) => {
      const [enable] = unpackArgs('analytics_settings', args, kwargs, ['enable', conv.bool]);
      run.state.settings.analytics = enable === true ? 'in' : 'out';
      return None;
    },
  },
  {
    name: 'experimental_analytics_report',
    fn: (run, _thread, args, kwargs) => {
      const [tags] = unpackArgs('experimental_analytics_report', args, kwargs, [
        'tags',
        stringStringMap,
      ]);
      for (const [k, v] of tags!)
        run.state.settings.analyticsTags.set(hostString(k), hostString(v));
      return None;
    },
  },
  { name: 'enable_feature', fn: feature(true) },
  { name: 'disable_feature', fn: feature(false) },
  {
    name: 'disable_snapshots',
    fn: (run, _thread, args, kwargs) => {
      unpackArgs('disable_snapshots', args, kwargs);
      run.state.settings.features.set('snapshots', false);
      return None;
    },
  },
  {
    name: 'set_team',
    fn: (run, _thread, args, kwargs) => {
      const [team] = unpackArgs('set_team', args, kwargs, ['team_id', conv.string]);
      const id = hostString(team!);
      if (id === '') throw new StarlarkError('team_id cannot be empty');
      const s = run.state.settings;
      if (s.teamID !== '') {
        throw new StarlarkError(
          starString(`team_id set multiple times (to '${s.teamID}' and '${id}')`),
        );
      }
      s.teamID = id;
      return None;
    },
  },
  {
    // Accepted for compatibility; Slant runs no telemetry command.
    name: 'experimental_telemetry_cmd',
    fn: (_run, _thread, args, kwargs) => {
      unpackArgs(
        'experimental_telemetry_cmd',
        args,
        kwargs,
        ['cmd', conv.value],
        ['cmd_bat?', conv.value],
        ['period?', duration],
        ['dir?', conv.value],
      );
      return None;
    },
  },
  {
    name: 'experimental_metrics_settings',
    fn: (run) => {
      run.warn('experimental_metrics_settings() is deprecated');
      return None;
    },
  },
];
