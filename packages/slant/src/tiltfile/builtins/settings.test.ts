import { describe, expect, test } from 'vitest';
import { errorOf, runTiltfile } from '../test-util.ts';

describe('settings builtins', () => {
  test('update_settings sets parallelism, timeout, suppressions and server-side apply', () => {
    const r = runTiltfile(
      'update_settings(max_parallel_updates=5, k8s_upsert_timeout_secs=60, suppress_unused_image_warnings="img", k8s_server_side_apply="false")\nupdate_settings(suppress_unused_image_warnings=["a", "b"])\n',
    );
    expect(r.state.settings.update).toEqual({
      maxParallelUpdates: 5,
      k8sUpsertTimeoutSecs: 60,
      suppressUnusedImageWarnings: ['img', 'a', 'b'],
      k8sServerSideApply: 'false',
    });
  });

  test('update_settings validates with Tilt’s texts', () => {
    expect(errorOf(runTiltfile('update_settings(max_parallel_updates=0)\n'))).toContain(
      'Error in update_settings: max number of parallel updates must be >= 1(got: 0)',
    );
    expect(errorOf(runTiltfile('update_settings(k8s_upsert_timeout_secs=0)\n'))).toContain(
      'minimum k8s upsert timeout is 1s; got 0s',
    );
    expect(errorOf(runTiltfile('update_settings(max_parallel_updates="3")\n'))).toContain(
      'update_settings: for parameter "max_parallel_updates": got starlark.String, want int',
    );
    expect(errorOf(runTiltfile('update_settings(k8s_server_side_apply="yes")\n'))).toContain(
      'update_settings: k8s_server_side_apply must be "true", "false", or "auto"; got "yes"',
    );
  });

  test('ci_settings parses Go durations', () => {
    const r = runTiltfile(
      'ci_settings(timeout="1h30m", readiness_timeout="90s", k8s_grace_period="500ms")\n',
    );
    expect(r.state.settings.ci).toEqual({
      k8sGracePeriodMs: 500,
      timeoutMs: 5_400_000,
      readinessTimeoutMs: 90_000,
    });
    expect(errorOf(runTiltfile('ci_settings(timeout="soon")\n'))).toContain(
      'Error in ci_settings: ci_settings: for parameter "timeout": time: invalid duration "soon"',
    );
    expect(errorOf(runTiltfile('ci_settings(timeout=3)\n'))).toContain(
      'ci_settings: for parameter "timeout": Expected string. Got: int',
    );
  });

  test('version_settings checks the constraint against the Tilt version Slant follows', () => {
    const ok = runTiltfile(
      'version_settings(check_updates=False, constraint=">=0.22.2 <1.0.0 || >=2.0.0")\n',
    );
    expect(ok.error).toBeUndefined();
    expect(ok.state.settings.version).toEqual({
      checkUpdates: false,
      constraint: '>=0.22.2 <1.0.0 || >=2.0.0',
    });
    expect(runTiltfile('version_settings(constraint="0.37.x")\n').error).toBeUndefined();
    expect(errorOf(runTiltfile('version_settings(constraint=">=1.0.0")\n'))).toContain(
      "Error in version_settings: you are running Tilt version 0.37.6, which doesn't match the version constraint specified in your Tiltfile: '>=1.0.0'",
    );
    expect(errorOf(runTiltfile('version_settings(constraint="abc")\n'))).toContain(
      'error parsing version constraint: Could not get version from string: "abc"',
    );
  });

  test('secret, watch, docker prune and analytics settings', () => {
    const r = runTiltfile(
      'secret_settings(disable_scrub=True)\nwatch_settings(ignore="*.log")\nwatch_settings(ignore=["tmp/"])\ndocker_prune_settings(max_age_mins=10, num_builds=5, keep_recent=1)\nanalytics_settings(False)\n',
    );
    const s = r.state.settings;
    expect(s.secret.scrubSecrets).toBe(false);
    expect(s.watchIgnores).toEqual(['*.log', 'tmp/']);
    expect(s.dockerPrune).toEqual({
      enabled: true,
      maxAgeMins: 10,
      numBuilds: 5,
      intervalHrs: 1,
      keepRecent: 1,
    });
    expect(s.analytics).toBe('out');
    expect(errorOf(runTiltfile('docker_prune_settings(num_builds=1, interval_hrs=2)\n'))).toContain(
      "can't specify both 'prune every X builds' and 'prune every Y hours'; please pass only one of `num_builds` and `interval_hrs`",
    );
  });

  test('feature flags: active ones change, obsolete ones warn, unknown ones fail', () => {
    const r = runTiltfile(
      'enable_feature("cluster_refresh")\ndisable_feature("snapshots")\nenable_feature("events")\n',
    );
    expect(r.state.settings.features.get('cluster_refresh')).toBe(true);
    expect(r.state.settings.features.get('snapshots')).toBe(false);
    expect(r.warnings).toEqual(['Obsolete feature flag: events']);
    expect(errorOf(runTiltfile('enable_feature("nope")\n'))).toContain(
      'Error in enable_feature: Unknown feature flag: nope',
    );
  });

  test('set_team is accepted once', () => {
    expect(runTiltfile('set_team("t1")\n').state.settings.teamID).toBe('t1');
    expect(errorOf(runTiltfile('set_team("t1")\nset_team("t2")\n'))).toContain(
      "team_id set multiple times (to 't1' and 't2')",
    );
    expect(errorOf(runTiltfile('set_team("")\n'))).toContain('team_id cannot be empty');
  });
});
