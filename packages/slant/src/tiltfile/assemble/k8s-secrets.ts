// The values of the Kubernetes Secrets a Tiltfile deploys, so logs can redact them (Tilt's
// extractSecrets / model.SecretSet). secret_settings(disable_scrub=True) turns it off.
import { entityKind, entityName, isObject, type K8sEntity } from '../../k8s/entity.ts';
import type { TiltfileRun } from '../run.ts';

export interface K8sSecret {
  /** The Secret object's name. */
  readonly name: string;
  readonly key: string;
  /** The decoded value as text. */
  readonly value: string;
  /** The value base64-encoded, as it may also appear in logs. */
  readonly valueEncoded: string;
  /** What logs show instead: `[redacted secret name:key]`. */
  readonly replacement: string;
}

function secretsOf(e: K8sEntity): K8sSecret[] {
  if (entityKind(e) !== 'Secret' || e.apiVersion !== 'v1') return [];
  const name = entityName(e);
  const out: K8sSecret[] = [];
  const add = (key: string, value: Buffer) =>
    out.push({
      name,
      key,
      value: value.toString('utf8'),
      valueEncoded: value.toString('base64'),
      replacement: `[redacted secret ${name}:${key}]`,
    });
  if (isObject(e.data)) {
    for (const [k, v] of Object.entries(e.data)) {
      if (typeof v === 'string') add(k, Buffer.from(v, 'base64'));
    }
  }
  if (isObject(e.stringData)) {
    for (const [k, v] of Object.entries(e.stringData)) {
      if (typeof v === 'string') add(k, Buffer.from(v, 'utf8'));
    }
  }
  return out;
}

/** Secrets in every k8s_yaml object (grouped or not); none when scrubbing is off. */
export function k8sSecrets(run: TiltfileRun): K8sSecret[] {
  if (!run.state.settings.secret.scrubSecrets) return [];
  const seen = new Map<string, K8sSecret>();
  for (const { entity } of run.state.k8s.objects.byAddress.values()) {
    // As in Tilt's SecretSet, one entry per value.
    for (const s of secretsOf(entity)) seen.set(s.value, s);
  }
  return [...seen.values()];
}
