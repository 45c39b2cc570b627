// Small YAML fixtures shared by the k8s tests.
import type { K8sEntity } from './entity.ts';
import { parseYAML } from './yaml.ts';

export function one(yaml: string): K8sEntity {
  const [e] = parseYAML(yaml);
  if (e === undefined) throw new Error('fixture has no entity');
  return e;
}

export function deployment(
  name: string,
  opts: {
    image?: string;
    labels?: Record<string, string>;
    namespace?: string;
    apiVersion?: string;
  } = {},
): K8sEntity {
  return {
    apiVersion: opts.apiVersion ?? 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(opts.namespace === undefined ? {} : { namespace: opts.namespace }) },
    spec: {
      selector: { matchLabels: opts.labels ?? { app: name } },
      template: {
        metadata: { labels: opts.labels ?? { app: name } },
        spec: { containers: [{ name: 'main', image: opts.image ?? `${name}-image` }] },
      },
    },
  };
}

export function service(
  name: string,
  selector: Record<string, string>,
  namespace?: string,
): K8sEntity {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
    spec: { selector, ports: [{ port: 80 }] },
  };
}

export function object(
  kind: string,
  name: string,
  apiVersion = 'v1',
  namespace?: string,
): K8sEntity {
  return {
    apiVersion,
    kind,
    metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
  };
}

export const WEB_WITH_SIDECAR = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: front}
    spec:
      initContainers:
      - name: migrate
        image: gcr.io/shop/migrate:v1
      containers:
      - name: web
        image: gcr.io/shop/web
        imagePullPolicy: Always
        env:
        - name: WORKER_IMAGE
          value: gcr.io/shop/worker:v3
        - name: PLAIN
          value: Not An Image!
        - name: FROM_FIELD
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
      - name: sidecar
        image: busybox:1.36
      ephemeralContainers:
      - name: debug
        image: gcr.io/shop/web
        env:
        - name: E
          value: gcr.io/shop/worker
      volumes:
      - name: models
        image:
          reference: gcr.io/shop/models:v2
          pullPolicy: Always
      - name: empty
        emptyDir: {}
`;
