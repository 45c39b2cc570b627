import { describe, expect, test } from 'vitest';
import { FakeProcessRunner } from '../exec/fake.ts';
import { composeProjectArgs, ProcessComposeCli } from './compose.ts';

const project = { name: 'proj', projectPath: '/p', configPaths: ['/p/compose.yaml'] };
const spec = { service: 'web', project };

function setup(exitCodes: Record<string, number> = {}, stdout: Record<string, string> = {}) {
  const processes = new FakeProcessRunner();
  processes.onStart = (p) => {
    const verb = p.spec.argv.find((a) => ['build', 'up', 'rm', 'down', 'ps'].includes(a)) ?? '';
    if (stdout[verb] !== undefined) p.output.stdout(stdout[verb]);
    p.output.stderr(`${verb} output\n`);
    p.exit(exitCodes[verb] ?? 0);
  };
  const cli = new ProcessComposeCli({ processes, env: { PATH: '/bin' }, cwd: '/cwd' });
  return { processes, cli };
}

describe('ProcessComposeCli', () => {
  test('up runs `up --no-deps --remove-orphans --no-build -d` of the service in the project dir', async () => {
    const { processes, cli } = setup();
    const out: string[] = [];
    await cli.up(spec, false, (t) => out.push(t));
    expect(processes.started.map((p) => p.spec.argv)).toEqual([
      [
        'docker',
        'compose',
        '--project-name',
        'proj',
        '--project-directory',
        '/p',
        '-f',
        '/p/compose.yaml',
        'up',
        '--no-deps',
        '--remove-orphans',
        '--no-build',
        '-d',
        'web',
      ],
    ]);
    expect(processes.started[0]?.spec.dir).toBe('/p');
    expect(out).toEqual(['up output\n']);
  });

  test('a Compose-built image is built first; wait adds --wait; inline YAML goes on stdin', async () => {
    const { processes, cli } = setup();
    const inline = {
      service: 'web',
      project: { name: 'proj', yaml: 'services: {}\n', wait: true },
    };
    await cli.up(inline, true, () => {});
    expect(processes.started.map((p) => p.spec.argv.slice(2))).toEqual([
      ['--project-name', 'proj', '-f', '-', 'build', 'web'],
      [
        '--project-name',
        'proj',
        '-f',
        '-',
        'up',
        '--no-deps',
        '--remove-orphans',
        '--no-build',
        '-d',
        'web',
        '--wait',
      ],
    ]);
    expect(processes.started[1]?.spec.stdin).toBe('services: {}\n');
    expect(processes.started[1]?.spec.dir).toBe('/cwd');
  });

  test('a failed command is reported as Tilt formats it', async () => {
    const { cli } = setup({ up: 1 });
    await expect(cli.up(spec, false, () => {})).rejects.toThrow(
      'command ["docker" "compose" "--project-name" "proj" "--project-directory" "/p" "-f" "/p/compose.yaml" "up" "--no-deps" "--remove-orphans" "--no-build" "-d" "web"] failed.\nerror: exit status 1\n',
    );
  });

  test('containerId reads `ps -a -q`; rm and down have Tilt arguments', async () => {
    const { processes, cli } = setup({}, { ps: 'abc123\n' });
    expect(await cli.containerId(spec)).toBe('abc123');
    await cli.rm([spec, { ...spec, service: 'db' }], () => {});
    await cli.down(project, () => {}, true);
    expect(processes.started.map((p) => p.spec.argv.slice(8))).toEqual([
      ['ps', '-a', '-q', 'web'],
      ['rm', '--stop', '--force', 'web', 'db'],
      ['down', '--remove-orphans', '--volumes'],
    ]);
  });

  test('TILT_DOCKER_COMPOSE_CMD replaces `docker compose`', async () => {
    const processes = new FakeProcessRunner();
    processes.onStart = (p) => p.exit(0);
    const cli = new ProcessComposeCli({
      processes,
      env: { TILT_DOCKER_COMPOSE_CMD: 'docker-compose' },
      cwd: '/',
    });
    await cli.down(project, () => {}, false);
    expect(processes.started[0]?.spec.argv[0]).toBe('docker-compose');
  });

  test('project args: env file and profiles', () => {
    expect(composeProjectArgs({ name: 'p', envFile: '/e/.env', profiles: ['a', 'b'] })).toEqual([
      '--project-name',
      'p',
      '--env-file',
      '/e/.env',
      '--profile',
      'a',
      '--profile',
      'b',
    ]);
  });
});
