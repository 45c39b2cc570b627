import { describe, expect, test } from 'vitest';
import { DIR } from '../test-util.ts';
import { lastError, run } from './build-test-util.ts';

describe('local_resource', () => {
  test('records cmd, serve_cmd, deps and options', () => {
    const r = run(
      "local_resource('a', cmd='make', deps=['src'], serve_cmd=['./srv', '--port', '80'], serve_env={'P': '80'}, serve_dir='bin', trigger_mode=TRIGGER_MODE_MANUAL, auto_init=False, resource_deps=['b'], ignore=['*.tmp'], labels=['x'], links=['localhost:80'], readiness_probe=probe(http_get=http_get_action(80)))\n",
    );
    expect(r.error).toBeUndefined();
    const res = r.state.local.byName.get('a')!;
    expect(res.updateCmd).toEqual({ argv: ['sh', '-c', 'make'], dir: DIR, env: [] });
    expect(res.serveCmd).toEqual({
      argv: ['./srv', '--port', '80'],
      dir: `${DIR}/bin`,
      env: ['P=80'],
    });
    expect(res.deps).toEqual([`${DIR}/src`]);
    expect(res.triggerMode).toBe('manual');
    expect(res.autoInit).toBe(false);
    expect(res.resourceDeps).toEqual(['b']);
    expect(res.ignores).toEqual(['*.tmp']);
    expect(res.labels).toEqual({ x: 'x' });
    expect(res.readinessProbe).toEqual({ httpGet: { port: 80 } });
    expect(res.allowParallel).toBe(false);
  });

  test('paths and the command dir are relative to the file that declares the resource', () => {
    const r = run("include('nested/Tiltfile')\n", {
      files: {
        'nested/Tiltfile': "local_resource('n', 'echo nested', deps=['foo'], ignore=['*.a'])\n",
      },
    });
    expect(r.error).toBeUndefined();
    const res = r.state.local.byName.get('n')!;
    expect(res.updateCmd.dir).toBe(`${DIR}/nested`);
    expect(res.deps).toEqual([`${DIR}/nested/foo`]);
    expect(res.threadDir).toBe(`${DIR}/nested`);
  });

  test('needs a cmd or a serve_cmd; dir/serve_dir only with their command', () => {
    expect(lastError(run("local_resource('a')\n"))).toBe(
      'Error in local_resource: local_resource must have a cmd and/or a serve_cmd, but both were empty',
    );
    expect(lastError(run("local_resource('a', serve_cmd='x', dir='d')\n"))).toBe(
      "Error in local_resource: local_resource: 'dir' only affects 'cmd', not 'serve_cmd'. Did you mean to use 'serve_dir' instead?",
    );
    expect(lastError(run("local_resource('a', dir='d')\n"))).toBe(
      "Error in local_resource: local_resource: 'dir' specified but 'cmd' is empty",
    );
    expect(lastError(run("local_resource('a', cmd='x', serve_dir='d')\n"))).toBe(
      "Error in local_resource: local_resource: 'serve_dir' specified but 'serve_cmd' is empty",
    );
  });

  test('a readiness probe without serve_cmd is dropped with a warning', () => {
    const r = run(
      "local_resource('a', cmd='x', readiness_probe=probe(exec=exec_action(['true'])))\n",
    );
    expect(r.state.local.byName.get('a')?.readinessProbe).toBeUndefined();
    expect(r.warnings).toEqual([
      'Ignoring readiness probe for local resource "a" (no serve_cmd was defined)',
    ]);
  });

  test('names are unique and valid', () => {
    expect(lastError(run("local_resource('a', cmd='x')\nlocal_resource('a', cmd='y')\n"))).toBe(
      'Error in local_resource: local_resource named "a" already exists',
    );
    expect(lastError(run("local_resource('a/b', cmd='x')\n"))).toBe(
      `Error in local_resource: local_resource: for parameter name: invalid value "a/b": may not contain '/'`,
    );
  });

  test('test() is a deprecated alias that runs in parallel', () => {
    const r = run("test('t', cmd='go test')\n");
    expect(r.state.local.byName.get('t')?.allowParallel).toBe(true);
    expect(r.state.local.byName.get('t')?.isTest).toBe(true);
    expect(r.warnings[0]).toBe(
      'test() is deprecated and will be removed in a future release.\nChange this call to use `local_resource(..., allow_parallel=True)`',
    );
  });
});

describe('probe', () => {
  test('builds a Probe with one action', () => {
    const r = run(
      "p = probe(period_secs=5, exec=exec_action(['a', 'b']))\nprint(p)\nprint(type(p), type(tcp_socket_action(8000, host='h')))\n",
    );
    expect(r.error).toBeUndefined();
    expect(r.out).toBe(
      'Probe(exec = ExecAction(command = ["a", "b"]), failure_threshold = 0, http_get = None, initial_delay_secs = 0, period_secs = 5, success_threshold = 0, tcp_socket = None, timeout_secs = 0)\nProbe TCPSocketAction\n',
    );
  });

  test('exactly one action', () => {
    expect(lastError(run('probe()\n'))).toBe(
      'Error in probe: exactly one of exec, http_get, or tcp_socket must be specified',
    );
    expect(lastError(run("probe(exec='x')\n"))).toBe(
      'Error in probe: probe: for parameter "exec": got starlark.String, want ExecAction',
    );
  });

  test('http_get_action upper-cases the scheme', () => {
    const r = run(
      "local_resource('a', serve_cmd='s', readiness_probe=probe(http_get=http_get_action(8080, host='h', scheme='https', path='/ok')))\n",
    );
    expect(r.state.local.byName.get('a')?.readinessProbe).toEqual({
      httpGet: { port: 8080, host: 'h', scheme: 'HTTPS', path: '/ok' },
    });
  });
});
