// The pod-template hash label: added after image injection so discovery can tell pods of the
// current template from older ones. Only equality matters, so the hash is over Slant's own
// canonical JSON of the template (Tilt hashes Go's JSON; values differ, behaviour doesn't).
import { createHash } from 'node:crypto';
import { copyEntity, isObject, type K8sEntity, podTemplateSpecs } from './entity.ts';
import { goJSON } from './yaml.ts';

export const TILT_POD_TEMPLATE_HASH_LABEL = 'tilt.dev/pod-template-hash';

/** First 10 bytes of the SHA-1 of the template's canonical JSON, in hex. */
export function hashPodTemplateSpec(template: Record<string, unknown>): string {
  return createHash('sha1').update(goJSON(template)).digest('hex').slice(0, 20);
}

/** Labels every pod template with its hash (computed before the label is added). */
export function injectPodTemplateSpecHashes(entity: K8sEntity): K8sEntity {
  const copy = copyEntity(entity);
  for (const template of podTemplateSpecs(copy)) {
    const hash = hashPodTemplateSpec(template);
    const meta = isObject(template.metadata) ? template.metadata : {};
    const labels = isObject(meta.labels) ? meta.labels : {};
    template.metadata = { ...meta, labels: { ...labels, [TILT_POD_TEMPLATE_HASH_LABEL]: hash } };
  }
  return copy;
}

/** The hashes injected into the entity's templates ('' for a template without one). */
export function readPodTemplateSpecHashes(entity: K8sEntity): string[] {
  return podTemplateSpecs(entity).map((t) => {
    const labels = isObject(t.metadata) && isObject(t.metadata.labels) ? t.metadata.labels : {};
    const v = labels[TILT_POD_TEMPLATE_HASH_LABEL];
    return typeof v === 'string' ? v : '';
  });
}
