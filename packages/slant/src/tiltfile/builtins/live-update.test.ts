import { describe, expect, test } from 'vitest';
import { DIR } from '../test-util.ts';
import { lastError, run } from './build-test-util.ts';
import { unconsumedStepsError } from './live-update.ts';

const files = { 'foo/Dockerfile': 'FROM alpine\n' };

describe('live_update steps', () => {
  test('docker_build turns steps into a declaration with paths relative to the Tiltfile dir', () => {
    const r = run(
      `docker_build('gcr.io/foo', 'foo', live_update=[
  initial_sync(),
  fall_back_on(['foo/package.json']),
  sync('foo', '/app'),
  run('make', trigger=['foo/Makefile'], echo_off=True),
  run(['echo', 'hi']),
])
`,
      { files },
    );
    expect(r.error).toBeUndefined();
    expect(r.state.build.images[0]?.liveUpdate).toEqual({
      basePath: DIR,
      stopPaths: ['foo/package.json'],
      syncs: [{ localPath: 'foo', containerPath: '/app' }],
      execs: [
        { args: ['sh', '-c', 'make'], triggerPaths: ['foo/Makefile'], echoOff: true },
        { args: ['echo', 'hi'], triggerPaths: [], echoOff: false },
      ],
      restart: false,
      initialSync: true,
    });
    expect(unconsumedStepsError(r.state.build)).toBeUndefined();
  });

  test('restart_container must be last', () => {
    const r = run(
      "docker_build('gcr.io/foo', 'foo', live_update=[restart_container(), sync('foo', '/baz')])\n",
      { files },
    );
    expect(lastError(r)).toBe(
      'Error in docker_build: live_update: restart container is only valid as the last step',
    );
  });

  test('sync steps must precede run steps', () => {
    const r = run(
      "docker_build('gcr.io/foo', 'foo', live_update=[run('quu'), sync('foo', '/baz')])\n",
      {
        files,
      },
    );
    expect(lastError(r)).toBe(
      'Error in docker_build: live_update: all sync steps must precede all run steps',
    );
  });

  test('fall_back_on must come first, initial_sync at most once', () => {
    const a = run(
      "docker_build('gcr.io/foo', 'foo', live_update=[sync('foo', '/baz'), fall_back_on('x')])\n",
      { files },
    );
    expect(lastError(a)).toBe(
      'Error in docker_build: live_update: fall_back_on steps must appear at the start of the list',
    );
    const b = run(
      "docker_build('gcr.io/foo', 'foo', live_update=[initial_sync(), initial_sync(), sync('foo', '/b')])\n",
      { files },
    );
    expect(lastError(b)).toBe(
      'Error in docker_build: live_update: initial_sync must appear at most once, at the start of the list',
    );
  });

  test('a relative sync destination is invalid', () => {
    const r = run("docker_build('gcr.io/foo', 'foo', live_update=[sync('foo', 'baz')])\n", {
      files,
    });
    expect(lastError(r)).toBe(
      'Error in docker_build: live_update: spec.syncs[0]: Invalid value: "baz": sync destination is not absolute',
    );
  });

  test('non-step values and bad triggers are reported with Tilt’s texts', () => {
    const a = run("docker_build('gcr.io/foo', 'foo', live_update=['quu', sync('bar', '/baz')])\n", {
      files,
    });
    expect(lastError(a)).toBe(
      `Error in docker_build: live_update: 'steps' must be a list of live update steps - got value '"quu"' of type 'string'`,
    );
    const b = run("run('bar', trigger=[4])\n");
    expect(lastError(b)).toBe(
      "Error in run: run cmd 'bar' triggers contained value '4' of type 'int'. it may only contain strings",
    );
    const c = run('fall_back_on(4)\n');
    expect(lastError(c)).toBe(
      'Error in fall_back_on: fall_back_on: for parameter paths: value should be a string or List or Tuple of strings, but is of type int',
    );
  });

  test('steps that are never used are listed with their positions', () => {
    const r = run("s = sync('a', '/b')\nrestart_container()\n");
    expect(r.error).toBeUndefined();
    expect(unconsumedStepsError(r.state.build)).toBe(
      `found 2 live_update steps that were created but not used in a live_update:\n${DIR}/Tiltfile:1:9: value 'sync step: '${DIR}/a'->'/b'' of type 'live_update_sync_step'\n\t${DIR}/Tiltfile:2:18: value 'restart_container step' of type 'live_update_restart_container_step'`,
    );
  });

  test('step values print like Tilt’s', () => {
    const r = run(
      "print(sync('a', '/b'))\nprint(run('make x', trigger='a'))\nprint(fall_back_on(['x', 'y']))\nprint(type(initial_sync()))\n",
    );
    expect(r.out).toBe(
      `sync step: '${DIR}/a'->'/b'\nrun step: "make x" (triggers: a)\nfall_back_on step: [${DIR}/x ${DIR}/y]'\nlive_update_initial_sync_step\n`,
    );
  });
});
