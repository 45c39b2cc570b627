// Builders shared by the KubernetesApply tests.
import {
  ANNOTATIONS,
  API_VERSION,
  type ImageMap,
  type KubernetesApply,
  type KubernetesApplySpec,
} from '@slant/api';
import { FakeClock } from '../../clock.ts';
import { FakeKubeClient } from '../../k8s/client-fake.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import { newTestStore } from '../../store/testing.ts';
import { KubernetesApplier } from './applier.ts';

export const DEPLOYMENT_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ns1
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: web-image
`;

export const SERVICE_YAML = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ns1
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

export function kubernetesApply(
  name: string,
  spec: Partial<KubernetesApplySpec>,
  opts: { managed?: boolean } = {},
): KubernetesApply {
  return {
    apiVersion: API_VERSION,
    kind: 'KubernetesApply',
    metadata: {
      name,
      annotations: {
        [ANNOTATIONS.resource]: name,
        [ANNOTATIONS.logSpanId]: `kubernetesapply:${name}`,
        ...(opts.managed ? { [ANNOTATIONS.managedBy]: 'buildcontrol' } : {}),
      },
    },
    spec: { cluster: '', ...spec },
  };
}

export function imageMap(name: string, selector: string, image?: string): ImageMap {
  return {
    apiVersion: API_VERSION,
    kind: 'ImageMap',
    metadata: { name },
    spec: { selector },
    ...(image === undefined ? {} : { status: { image, imageFromCluster: image } }),
  };
}

export interface Fixture {
  store: ObjectStore;
  clock: FakeClock;
  kube: FakeKubeClient;
  logs: MemoryLogWriter;
  applier: KubernetesApplier;
}

export function fixture(opts: { debug?: boolean } = {}): Fixture {
  const clock = new FakeClock();
  const store = newTestStore(clock);
  const kube = new FakeKubeClient({ namespace: 'ctx-ns' });
  const logs = new MemoryLogWriter();
  const applier = new KubernetesApplier({ store, kube, clock, logs, ...opts });
  return { store, clock, kube, logs, applier };
}
