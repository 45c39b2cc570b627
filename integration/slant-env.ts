// The description of the running test environment that infra/env-up.sh writes
// to ~/.cache/slant-env/env.json, shared by the global setup and the tests.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface SlantEnv {
  /** Admin kubeconfig of the local cluster (context `slant-local`). */
  kubeconfig: string;
  context: string;
  /** https://127.0.0.1:PORT */
  server: string;
  /** host:port of the local registry, e.g. localhost:5005 */
  registry: string;
  /** Path of the Docker engine's unix socket. */
  dockerSocket: string;
  /** unix://… form of dockerSocket, for DOCKER_HOST. */
  dockerHost: string;
  /** Local Docker tag of the busybox base image (FROM this in test Dockerfiles). */
  busyboxImage: string;
  /** The same busybox image as pods pull it from the local registry. */
  registryBusyboxImage: string;
  k8sVersion: string;
  nodeName: string;
  logDir: string;
  /** The helm binary env-up built (helm() and helm_resource-style extensions need it on PATH). */
  helm: string;
}

export function envDir(): string {
  return process.env.SLANT_ENV_DIR ?? join(homedir(), '.cache', 'slant-env');
}

export function readSlantEnv(): SlantEnv {
  return JSON.parse(readFileSync(join(envDir(), 'env.json'), 'utf8')) as SlantEnv;
}

declare module 'vitest' {
  export interface ProvidedContext {
    slantEnv: SlantEnv;
  }
}
