import { describe, expect, test } from 'vitest';
import { DIR } from '../test-util.ts';
import { lastError, run } from './build-test-util.ts';

const CONFIG = JSON.stringify({
  name: 'proj',
  services: {
    web: {
      build: { context: `${DIR}/web`, dockerfile: 'Dockerfile' },
      ports: [
        { target: 80, published: '8080' },
        { target: 81, published: '9000-9001' },
      ],
      volumes: [{ type: 'bind', source: `${DIR}/web/src`, target: '/src' }],
      depends_on: { db: { condition: 'service_started' } },
      env_file: [{ path: `${DIR}/web.env` }],
    },
    db: { image: 'postgres:15' },
  },
});

const compose = (match: RegExp = /config --format json$/) => ({
  scripts: [{ match, result: { stdout: CONFIG } }],
  files: { 'docker-compose.yml': 'services: {}\n' },
});

describe('docker_compose', () => {
  test('loads services through docker compose config, dependencies first', () => {
    const r = run("docker_compose('docker-compose.yml', profiles=['dev'], wait=True)\n", compose());
    expect(r.error).toBeUndefined();
    expect(r.host.proc.calls[0]?.argv).toEqual([
      'docker',
      'compose',
      '--project-name',
      'proj',
      '--project-directory',
      DIR,
      '-f',
      `${DIR}/docker-compose.yml`,
      '--profile',
      'dev',
      'config',
      '--format',
      'json',
    ]);
    const p = r.state.compose.projects.get('proj')!;
    expect(p.project).toEqual({
      name: 'proj',
      projectPath: DIR,
      configPaths: [`${DIR}/docker-compose.yml`],
      envFile: '',
      profiles: ['dev'],
      wait: true,
    });
    expect(p.serviceNames).toEqual(['db', 'web']);
    const web = p.services.get('web')!;
    expect(web.config.publishedPorts).toEqual([8080]);
    expect(web.config.volumeSources).toEqual([`${DIR}/web/src`]);
    expect(web.options.resourceDeps).toEqual(['db']);
    expect(web.imageRefFromConfig.path).toBe('library/proj_web');
    expect(r.configFiles).toEqual([
      `${DIR}/.tiltignore`,
      `${DIR}/Tiltfile`,
      `${DIR}/docker-compose.yml`,
      `${DIR}/web.env`,
    ]);
  });

  test('TILT_DOCKER_COMPOSE_CMD names another Compose binary', () => {
    const r = run("docker_compose('docker-compose.yml')\n", {
      ...compose(),
      env: { TILT_DOCKER_COMPOSE_CMD: '/opt/bin/docker-compose' },
    });
    expect(r.host.proc.calls[0]?.argv.slice(0, 2)).toEqual([
      '/opt/bin/docker-compose',
      '--project-name',
    ]);
  });

  test('calls with the same project name merge config files', () => {
    const r = run(
      "docker_compose('docker-compose.yml')\ndocker_compose(['docker-compose.yml', 'b.yml'])\n",
      compose(),
    );
    expect(r.state.compose.projects.get('proj')?.project.configPaths).toEqual([
      `${DIR}/docker-compose.yml`,
      `${DIR}/b.yml`,
    ]);
  });

  test('inline YAML goes to compose on stdin; several blobs are merged', () => {
    const r = run(
      "docker_compose([blob('services:\\n  a:\\n    image: x\\n'), blob('services:\\n  b:\\n    image: y\\n')])\n",
      { scripts: [{ match: /config --format json$/, result: { stdout: '{"services": {}}' } }] },
    );
    expect(r.error).toBeUndefined();
    const call = r.host.proc.calls[0]!;
    expect(call.argv).toEqual([
      'docker',
      'compose',
      '--project-name',
      'proj',
      '--project-directory',
      DIR,
      '-f',
      '-',
      'config',
      '--format',
      'json',
    ]);
    expect(call.stdin?.toString()).toBe('services:\n  a:\n    image: x\n  b:\n    image: y\n');
  });

  test('COMPOSE_PROFILES is used when profiles= is not given', () => {
    const r = run("docker_compose('docker-compose.yml')\n", {
      ...compose(),
      env: { COMPOSE_PROFILES: 'a,b' },
    });
    expect(r.state.compose.projects.get('proj')?.project.profiles).toEqual(['a', 'b']);
    expect(r.out).toBe('Compose project "proj" loading profiles from environment: a,b\n');
  });

  test('errors: nothing to compose, failing compose', () => {
    expect(lastError(run('docker_compose([])\n'))).toBe(
      'Error in docker_compose: Nothing to compose',
    );
    const r = run("docker_compose('docker-compose.yml')\n", {
      scripts: [{ match: /config/, result: { exitCode: 1, stderr: 'no such file' } }],
    });
    expect(lastError(r)).toBe(
      `Error in docker_compose: command ["docker" "compose" "--project-name" "proj" "--project-directory" "${DIR}" "-f" "${DIR}/docker-compose.yml" "config" "--format" "json"] failed.\nerror: exit status 1\nstdout: ""\nstderr: 'no such file'`,
    );
  });
});

describe('dc_resource', () => {
  test('sets options; new_name renames and rewrites dependencies', () => {
    const r = run(
      "docker_compose('docker-compose.yml')\ndc_resource('db', new_name='database', labels=['data'], trigger_mode=TRIGGER_MODE_MANUAL, auto_init=False, infer_links=False)\n",
      compose(),
    );
    expect(r.error).toBeUndefined();
    const p = r.state.compose.projects.get('proj')!;
    expect(p.serviceNames).toEqual(['database', 'web']);
    const db = p.services.get('database')!;
    expect(db.options.labels).toEqual({ data: 'data' });
    expect(db.options.triggerMode).toBe('manual');
    expect(db.options.autoInit).toBe(false);
    expect(db.options.inferLinks).toBe(false);
    expect(p.services.get('web')?.options.resourceDeps).toEqual(['database']);
  });

  test('unknown service lists the known ones', () => {
    const r = run("docker_compose('docker-compose.yml')\ndc_resource('nope')\n", compose());
    expect(lastError(r)).toBe(
      'Error in dc_resource: no Docker Compose service found with name "nope". Found these instead:\n\tdb; web',
    );
  });
});
