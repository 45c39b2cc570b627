import { describe, expect, test } from 'vitest';
import { DIR } from '../test-util.ts';
import { lastError, run } from './build-test-util.ts';

describe('local', () => {
  test('runs a shell command in the Tiltfile dir, logs it, returns stdout as a Blob', () => {
    const r = run("x = local('echo hi')\nprint(type(x), str(x).strip())\n", {
      scripts: [{ match: 'sh -c echo hi', result: { stdout: 'hi\n' } }],
    });
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('local: echo hi\n → hi\nblob hi\n');
    const call = r.host.proc.calls[0]!;
    expect(call.cwd).toBe(DIR);
    expect(call.env.TILT_DISABLE_ANALYTICS).toBe('1');
    expect(call.env.TILT_PORT).toBe('10350');
    expect(call.env.TILT_HOST).toBe('localhost');
  });

  test('argv lists, env, dir, stdin; quiet and echo_off hide output and command', () => {
    const r = run(
      "local(['cat'], env={'B': '2', 'A': '1'}, dir='sub', stdin='in', quiet=True, echo_off=True)\n",
      { scripts: [{ match: 'cat', result: { stdout: 'in' } }] },
    );
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('');
    const call = r.host.proc.calls[0]!;
    expect(call.cwd).toBe(`${DIR}/sub`);
    expect(call.env.A).toBe('1');
    expect(call.stdin?.toString()).toBe('in');
  });

  test('TILT_HOST/TILT_PORT come from the run unless the environment sets them', () => {
    const scripts = [{ match: 'sh -c true', result: {} }];
    const a = run("local('true')\n", { scripts, load: { webHost: '1.2.3.4', webPort: 12345 } });
    expect(a.host.proc.calls[0]?.env).toMatchObject({ TILT_HOST: '1.2.3.4', TILT_PORT: '12345' });
    const b = run("local('true')\n", { scripts, env: { TILT_HOST: '7.8.9.0', TILT_PORT: '7890' } });
    expect(b.host.proc.calls[0]?.env).toMatchObject({ TILT_HOST: '7.8.9.0', TILT_PORT: '7890' });
  });

  test('an empty command fails without running anything', () => {
    expect(lastError(run("local('')\n"))).toBe(
      'Error in local: command "" failed.\nerror: empty cmd',
    );
  });

  test('no output is reported when the command was echoed', () => {
    const r = run("local('true')\n", { scripts: [{ match: 'sh -c true', result: {} }] });
    expect(r.out).toBe('local: true\n → [no output]\n');
  });

  test('a failing command stops the Tiltfile with Tilt’s text', () => {
    const r = run("local('exit 3')\n", {
      scripts: [{ match: 'sh -c exit 3', result: { exitCode: 3, stderr: 'bad\n' } }],
    });
    expect(lastError(r)).toBe('Error in local: command "exit 3" failed.\nerror: exit status 3');
    expect(r.out).toBe('local: exit 3\n → bad\n');
    const q = run("local('exit 3', quiet=True)\n", {
      scripts: [{ match: 'sh -c exit 3', result: { exitCode: 3, stdout: 'o\n', stderr: 'bad\n' } }],
    });
    expect(lastError(q)).toBe(
      'Error in local: command "exit 3" failed.\nerror: exit status 3\nstdout:\no\n\nstderr:\nbad\n\n',
    );
  });

  test('bad env values are argument errors', () => {
    expect(lastError(run("local('x', env={'A': 1})\n"))).toBe(
      'Error in local: local: for parameter "env": value is not a string: starlark.Int (1)',
    );
  });
});

describe('trigger_mode', () => {
  test('sets the default once', () => {
    const r = run(
      'trigger_mode(TRIGGER_MODE_MANUAL)\nprint(TRIGGER_MODE_AUTO, type(TRIGGER_MODE_AUTO))\n',
    );
    expect(r.state.build.triggerMode).toBe('manual');
    expect(r.out).toBe('TRIGGER_MODE_AUTO TriggerMode\n');
    expect(
      lastError(run('trigger_mode(TRIGGER_MODE_AUTO)\ntrigger_mode(TRIGGER_MODE_AUTO)\n')),
    ).toBe(
      `Error in trigger_mode: trigger_mode can only be called once. It was already called at ${DIR}/Tiltfile:1:13`,
    );
    expect(lastError(run("trigger_mode('auto')\n"))).toBe(
      'Error in trigger_mode: trigger_mode: for parameter trigger_mode: got string, want TriggerMode',
    );
  });
});

describe('local on a production context', () => {
  test('refuses to run unless the context is allowed', () => {
    const kube = {
      context: 'gke_prod',
      namespace: 'default',
      cluster: 'gke_prod',
      clusterServer: 'https://1.2.3.4',
    };
    const r = run("local('echo hi')\n", { kube });
    expect(lastError(r)).toBe(
      "Error in local: Refusing to run 'local' because gke_prod might be a production kube context.\nIf you're sure you want to continue add:\n\tallow_k8s_contexts('gke_prod')\nbefore this function call in your Tiltfile. Otherwise, switch k8s contexts and restart Tilt.",
    );
    expect(r.host.proc.calls).toEqual([]);
    const ok = run("allow_k8s_contexts('gke_prod')\nlocal('echo hi')\n", {
      kube,
      scripts: [{ match: 'sh -c echo hi', result: { stdout: 'hi\n' } }],
    });
    expect(ok.error).toBeUndefined();
  });
});
