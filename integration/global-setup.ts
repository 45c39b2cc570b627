// Vitest global setup of the integration project: makes sure the real test
// environment (Docker, registry, Kubernetes) is up, once per run, and hands
// its addresses to the tests through inject('slantEnv') and env variables.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { readSlantEnv } from './slant-env.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

export default function setup(project: TestProject): void {
  const started = Date.now();
  // env-up is idempotent: a no-op of a few seconds when everything is healthy.
  const up = spawnSync('bash', [join(root, 'infra', 'env-up.sh')], { stdio: 'inherit' });
  if (up.status !== 0) {
    throw new Error(
      `infra/env-up.sh failed (exit ${up.status ?? up.signal}); logs are in ~/.cache/slant-env/logs`,
    );
  }
  const env = readSlantEnv();
  process.env.SLANT_KUBECONFIG = env.kubeconfig;
  process.env.SLANT_REGISTRY = env.registry;
  process.env.DOCKER_HOST = env.dockerHost;
  // Slant picks its builder as users get it (BuildKit, the daemon has it); the docker CLI calls of
  // the tests set DOCKER_BUILDKIT=0 themselves (the CLI refuses BuildKit without buildx).
  delete process.env.DOCKER_BUILDKIT;
  project.provide('slantEnv', env);
  console.log(
    `slant-env ready in ${Date.now() - started} ms (registry ${env.registry}, kubeconfig ${env.kubeconfig})`,
  );
}
