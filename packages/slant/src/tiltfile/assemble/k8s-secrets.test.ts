import { describe, expect, test } from 'vitest';
import { runK8s } from '../k8s-test-util.ts';
import { k8sSecrets } from './k8s-secrets.ts';

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: creds
data:
  token: aHVudGVyMg==
stringData:
  user: admin
`;

describe('k8sSecrets', () => {
  test('decodes data and stringData values for redaction', () => {
    const r = runK8s("k8s_yaml('s.yaml')\n", { files: { 's.yaml': SECRET } });
    expect(k8sSecrets(r.run)).toEqual([
      {
        name: 'creds',
        key: 'token',
        value: 'hunter2',
        valueEncoded: 'aHVudGVyMg==',
        replacement: '[redacted secret creds:token]',
      },
      {
        name: 'creds',
        key: 'user',
        value: 'admin',
        valueEncoded: 'YWRtaW4=',
        replacement: '[redacted secret creds:user]',
      },
    ]);
  });

  test('secret_settings(disable_scrub=True) turns it off', () => {
    const r = runK8s("secret_settings(disable_scrub=True)\nk8s_yaml('s.yaml')\n", {
      files: { 's.yaml': SECRET },
    });
    expect(k8sSecrets(r.run)).toEqual([]);
  });
});
