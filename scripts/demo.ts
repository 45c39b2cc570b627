// `npm run demo`: the real environment (Docker, a registry, a Kubernetes cluster; started by
// infra/env-up.sh, a no-op when it is up), then `slant up` on examples/dockercoins with the web
// UI on http://localhost:10350/. Arguments after `--` go to `slant up` (e.g. `-- --stream`).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const up = spawnSync('bash', [join(root, 'infra', 'env-up.sh')], { stdio: 'inherit' });
if (up.status !== 0) {
  process.stderr.write('The environment did not start; its logs are in ~/.cache/slant-env/logs\n');
  process.exit(1);
}
const envDir = process.env.SLANT_ENV_DIR ?? join(homedir(), '.cache', 'slant-env');
const env = JSON.parse(readFileSync(join(envDir, 'env.json'), 'utf8')) as {
  kubeconfig: string;
  dockerHost: string;
};
const child = spawn(
  process.execPath,
  [join(root, 'packages/slant/bin/slant.js'), 'up', ...process.argv.slice(2)],
  {
    cwd: join(root, 'examples', 'dockercoins'),
    stdio: 'inherit',
    env: {
      ...process.env,
      KUBECONFIG: env.kubeconfig,
      DOCKER_HOST: env.dockerHost,
    },
  },
);
// Ctrl-C reaches slant through the terminal; this process just waits for it.
process.on('SIGINT', () => {});
child.on('exit', (code) => process.exit(code ?? 1));
