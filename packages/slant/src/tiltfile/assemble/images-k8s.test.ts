import type { ApiObject } from '@slant/api';
import { describe, expect, test } from 'vitest';
import { run as runWith } from '../builtins/build-test-util.ts';
import { DIR, errorOf } from '../test-util.ts';
import { ASSEMBLERS } from './index.ts';

const YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: gcr.io/web
`;
const files = { 'web.yaml': YAML, 'web/Dockerfile': 'FROM alpine\n' };

function run(src: string) {
  return runWith(src, { files, load: { assemblers: ASSEMBLERS } });
}

const names = (objs: readonly ApiObject[], kind: string) =>
  objs.filter((o) => o.kind === kind).map((o) => o.metadata.name);

describe('images of Kubernetes resources', () => {
  test('a live update of a k8s image selects containers through its ImageMap', () => {
    const r = run(
      "k8s_yaml('web.yaml')\ndocker_build('gcr.io/web', 'web', live_update=[sync('web', '/app')])\nk8s_resource('web', trigger_mode=TRIGGER_MODE_MANUAL)\n",
    );
    expect(r.error).toBeUndefined();
    expect(names(r.objects, 'DockerImage')).toEqual(['web:gcr.io_web']);
    expect(names(r.objects, 'ImageMap')).toEqual(['gcr.io_web']);
    expect(names(r.objects, 'FileWatch')).toContain('image:gcr.io_web');
    const lu = r.objects.find((o) => o.kind === 'LiveUpdate');
    expect(lu).toMatchObject({
      metadata: {
        name: 'web:gcr.io_web',
        annotations: { 'tilt.dev/update-mode': 'manual', 'tilt.dev/managed-by': '' },
      },
      spec: {
        basePath: DIR,
        selector: {
          kubernetes: { discoveryName: 'web', applyName: 'web', imageMapName: 'gcr.io_web' },
        },
        sources: [{ fileWatch: 'image:gcr.io_web', imageMap: 'gcr.io_web' }],
      },
    });
  });

  test('an image used by two resources: a build each, one ImageMap, one watch disabled with both', () => {
    const api = YAML.replaceAll('web', 'api').replace('gcr.io/api', 'gcr.io/web');
    const two = `${YAML}---\n${api}`;
    const r = runWith("k8s_yaml('web.yaml')\ndocker_build('gcr.io/web', 'web')\n", {
      files: { ...files, 'web.yaml': two },
      load: { assemblers: ASSEMBLERS },
    });
    expect(r.error).toBeUndefined();
    expect(names(r.objects, 'DockerImage')).toEqual(['web:gcr.io_web', 'api:gcr.io_web']);
    expect(names(r.objects, 'ImageMap')).toEqual(['gcr.io_web']);
    const fw = r.objects.find(
      (o) => o.kind === 'FileWatch' && o.metadata.name === 'image:gcr.io_web',
    );
    expect(fw).toMatchObject({
      metadata: { annotations: { 'tilt.dev/resource': 'web' } },
      spec: {
        disableSource: {
          everyConfigMap: [
            { name: 'web-disable', key: 'isDisabled' },
            { name: 'api-disable', key: 'isDisabled' },
          ],
        },
      },
    });
  });

  test('watches also skip .tiltignore, watch_settings and outputs_image_ref_to files', () => {
    const r = runWith(
      "k8s_yaml('web.yaml')\nwatch_settings(ignore=['*.log'])\ncustom_build('gcr.io/web', 'b.sh', ['web'], outputs_image_ref_to='out/ref.txt')\n",
      { files: { ...files, '.tiltignore': 'tmp\n' }, load: { assemblers: ASSEMBLERS } },
    );
    expect(r.error).toBeUndefined();
    const fw = r.objects.find(
      (o) => o.kind === 'FileWatch' && o.metadata.name === 'image:gcr.io_web',
    );
    expect(fw).toMatchObject({
      spec: {
        ignores: [
          { basePath: `${DIR}/Tiltfile` },
          { basePath: DIR, patterns: ['tmp'] },
          { basePath: DIR, patterns: ['*.log'] },
          { basePath: `${DIR}/out`, patterns: ['ref.txt'] },
        ],
      },
    });
  });

  test('restart_container() is deprecated for k8s resources', () => {
    const r = run(
      "k8s_yaml('web.yaml')\ndocker_build('gcr.io/web', 'web', live_update=[sync('web', '/app'), restart_container()])\n",
    );
    expect(errorOf(r)).toBe(
      'Found `restart_container()` LiveUpdate step in resource(s): [web]. `restart_container()`  has been deprecated for k8s resources. We recommend the restart_process extension: https://github.com/tilt-dev/tilt-extensions/tree/master/restart_process. For more information, see https://docs.tilt.dev/live_update_reference.html#restarting-your-process',
    );
  });

  test('fall_back_on paths must be watched', () => {
    const r = run(
      "k8s_yaml('web.yaml')\ndocker_build('gcr.io/web', 'web', live_update=[fall_back_on('other'), sync('web', '/app')])\n",
    );
    expect(errorOf(r)).toBe(
      `fall_back_on paths '${DIR}/other' is not a child of any watched filepaths ([${DIR}/web])`,
    );
  });

  test('an image dependency cycle is reported', () => {
    const r = runWith(
      "k8s_yaml('web.yaml')\ndocker_build('gcr.io/web', 'web')\ndocker_build('gcr.io/base', 'base')\n",
      {
        files: {
          ...files,
          'web/Dockerfile': 'FROM gcr.io/base\n',
          'base/Dockerfile': 'FROM gcr.io/web\n',
        },
        load: { assemblers: ASSEMBLERS },
      },
    );
    expect(errorOf(r)).toBe('getting image build info for web: Image dependency cycle: gcr.io/web');
  });
});
