import { describe, expect, test } from 'vitest';
import type { ApiObject } from '@slant/api';
import { run as runWith } from '../builtins/build-test-util.ts';
import type { FakeHostOptions } from '../host-fake.ts';
import { DIR, errorOf } from '../test-util.ts';
import { assembleCompose } from './compose.ts';
import { assembleImageDeps, assembleImageObjects } from './images.ts';
import { assembleUnusedLiveUpdateSteps } from './live-update-check.ts';
import { assembleLocal } from './local.ts';

const ASSEMBLERS = [
  assembleImageDeps,
  assembleCompose,
  assembleLocal,
  assembleImageObjects,
  assembleUnusedLiveUpdateSteps,
];

function run(src: string, opts: FakeHostOptions & { files?: Record<string, string> } = {}) {
  return runWith(src, { ...opts, load: { assemblers: ASSEMBLERS } });
}

function find(objects: readonly ApiObject[], kind: string, name: string): ApiObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata.name === name);
}

const COMPOSE = JSON.stringify({
  name: 'proj',
  services: {
    web: {
      build: { context: `${DIR}/web` },
      volumes: [{ type: 'bind', source: `${DIR}/web/static`, target: '/static' }],
    },
  },
});
const composeOpts = {
  scripts: [{ match: /config --format json$/, result: { stdout: COMPOSE } }],
  files: {
    'docker-compose.yml': '',
    'web/Dockerfile': 'ARG BASE=base\nFROM $BASE\n',
    'base/Dockerfile': 'FROM alpine\n',
    'web/.dockerignore': '# c\nnode_modules\n!keep\n',
  },
};

describe('local resource assembly', () => {
  test('a resource, its update Cmd and its FileWatch', () => {
    const r = run(
      "local_resource('a', cmd='make', deps=['src'], ignore=['*.tmp'], serve_cmd='./srv', labels=['x'], trigger_mode=TRIGGER_MODE_MANUAL)\n",
      { files: { 'src/.git/HEAD': '' } },
    );
    expect(r.error).toBeUndefined();
    expect(r.resources).toEqual([
      {
        name: 'a',
        type: 'local',
        labels: ['x'],
        resourceDeps: [],
        triggerMode: 'manual_with_auto_init',
        links: [],
        imageMapDeps: [],
        local: {
          updateCmdName: 'a:update',
          serveCmd: {
            args: ['sh', '-c', './srv'],
            dir: DIR,
            disableSource: { configMap: { name: 'a-disable', key: 'isDisabled' } },
          },
          allowParallel: false,
          isTest: false,
        },
      },
    ]);
    expect(r.objects).toEqual([
      {
        apiVersion: 'tilt.dev/v1alpha1',
        kind: 'Cmd',
        metadata: {
          name: 'a:update',
          annotations: {
            'tilt.dev/resource': 'a',
            'tilt.dev/log-span-id': 'cmd:a:update',
            'tilt.dev/managed-by': 'local_resource',
          },
        },
        spec: {
          args: ['sh', '-c', 'make'],
          dir: DIR,
          disableSource: { configMap: { name: 'a-disable', key: 'isDisabled' } },
        },
      },
      {
        apiVersion: 'tilt.dev/v1alpha1',
        kind: 'FileWatch',
        metadata: {
          name: 'local:a',
          annotations: { 'tilt.dev/resource': 'a', 'tilt.dev/target-id': 'local:a' },
        },
        spec: {
          watchedPaths: [`${DIR}/src`],
          ignores: [{ basePath: `${DIR}/src/.git` }, { basePath: DIR, patterns: ['*.tmp'] }],
          disableSource: { configMap: { name: 'a-disable', key: 'isDisabled' } },
        },
      },
    ]);
  });
});

describe('image and compose assembly', () => {
  test('docker_build used by a Compose service: DockerImage, ImageMap, FileWatch, LiveUpdate', () => {
    const r = run(
      "docker_compose('docker-compose.yml')\ndocker_build('base', 'base')\ndocker_build('proj_web', 'web', live_update=[sync('web', '/app'), restart_container()])\n",
      composeOpts,
    );
    expect(r.error).toBeUndefined();
    expect(r.resources.map((x) => [x.name, x.type, x.imageMapDeps])).toEqual([
      ['web', 'docker-compose', ['proj_web']],
    ]);
    expect(r.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'DockerComposeService/web',
      'Cluster/docker',
      'DockerImage/web:base',
      'ImageMap/base',
      'FileWatch/image:base',
      'DockerImage/web:proj_web',
      'ImageMap/proj_web',
      'FileWatch/image:proj_web',
      'LiveUpdate/web:proj_web',
    ]);
    expect(find(r.objects, 'DockerComposeService', 'web')).toMatchObject({
      spec: {
        service: 'web',
        project: { name: 'proj', projectPath: DIR, configPaths: [`${DIR}/docker-compose.yml`] },
        imageMaps: ['proj_web'],
      },
    });
    expect(find(r.objects, 'DockerImage', 'web:proj_web')).toEqual({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'DockerImage',
      metadata: {
        name: 'web:proj_web',
        annotations: {
          'tilt.dev/resource': 'web',
          'tilt.dev/log-span-id': 'dockerimage:web:proj_web',
        },
      },
      spec: {
        ref: 'proj_web',
        dockerfileContents: 'ARG BASE=base\nFROM $BASE\n',
        context: `${DIR}/web`,
        contextIgnores: [
          { basePath: `${DIR}/Tiltfile` },
          { basePath: `${DIR}/web`, patterns: ['node_modules', '!keep'] },
        ],
        imageMaps: ['base'],
        cluster: 'docker',
        clusterNeeds: 'push',
      },
    });
    expect(find(r.objects, 'DockerImage', 'web:base')).toMatchObject({
      spec: { clusterNeeds: 'base-image' },
    });
    expect(find(r.objects, 'FileWatch', 'image:proj_web')).toEqual({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'FileWatch',
      metadata: {
        name: 'image:proj_web',
        annotations: { 'tilt.dev/resource': 'web', 'tilt.dev/target-id': 'image:proj_web' },
      },
      spec: {
        watchedPaths: [`${DIR}/web`],
        ignores: [
          { basePath: `${DIR}/Tiltfile` },
          { basePath: `${DIR}/web`, patterns: ['node_modules', '!keep'] },
          { basePath: `${DIR}/web/Dockerfile` },
        ],
        disableSource: { configMap: { name: 'web-disable', key: 'isDisabled' } },
      },
    });
    expect(find(r.objects, 'LiveUpdate', 'web:proj_web')).toEqual({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'LiveUpdate',
      metadata: {
        name: 'web:proj_web',
        annotations: {
          'tilt.dev/resource': 'web',
          'tilt.dev/log-span-id': 'liveupdate:web:proj_web',
          'tilt.dev/managed-by': '',
          'tilt.dev/update-mode': 'auto',
        },
      },
      spec: {
        basePath: DIR,
        selector: { dockerCompose: { service: 'web' } },
        sources: [
          { fileWatch: 'image:base', imageMap: 'base' },
          { fileWatch: 'image:proj_web', imageMap: 'proj_web' },
        ],
        syncs: [{ localPath: 'web', containerPath: '/app' }],
        restart: 'always',
      },
    });
    expect(r.configFiles).toContain(`${DIR}/web/.dockerignore`);
  });

  test('a Compose build section without docker_build: watched, bind mounts ignored', () => {
    const r = run("docker_compose('docker-compose.yml')\n", composeOpts);
    expect(r.error).toBeUndefined();
    expect(r.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'DockerComposeService/web',
      'Cluster/docker',
      'ImageMap/proj_web',
      'FileWatch/image:proj_web',
    ]);
    expect(find(r.objects, 'FileWatch', 'image:proj_web')).toMatchObject({
      spec: {
        ignores: [
          { basePath: `${DIR}/web`, patterns: ['node_modules', '!keep'] },
          { basePath: `${DIR}/web/Dockerfile` },
          { basePath: `${DIR}/web/static` },
        ],
      },
    });
  });

  test('custom_build: CmdImage and its Cmd', () => {
    const r = run(
      "docker_compose('docker-compose.yml')\ncustom_build('proj_web', 'build.sh', ['web'], disable_push=True, env={'A': 'b'})\n",
      composeOpts,
    );
    expect(r.error).toBeUndefined();
    expect(find(r.objects, 'CmdImage', 'web:proj_web')).toEqual({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'CmdImage',
      metadata: {
        name: 'web:proj_web',
        annotations: {
          'tilt.dev/resource': 'web',
          'tilt.dev/log-span-id': 'cmdimage:web:proj_web',
        },
      },
      spec: {
        ref: 'proj_web',
        args: ['sh', '-c', 'build.sh'],
        dir: DIR,
        env: ['A=b'],
        outputMode: 'local-docker-and-remote',
        cluster: 'docker',
        clusterNeeds: 'push',
      },
    });
    expect(find(r.objects, 'Cmd', 'web:proj_web')).toEqual({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'Cmd',
      metadata: {
        name: 'web:proj_web',
        annotations: {
          'tilt.dev/resource': 'web',
          'tilt.dev/log-span-id': 'cmdimage:web:proj_web',
          'tilt.dev/managed-by': 'cmd_image',
        },
      },
      spec: { args: ['sh', '-c', 'build.sh'], dir: DIR },
    });
  });

  test('live update checks: sync sources must be watched; unused steps', () => {
    const a = run(
      "docker_compose('docker-compose.yml')\ndocker_build('proj_web', 'web', live_update=[sync('base', '/app')])\n",
      composeOpts,
    );
    expect(errorOf(a)).toBe(
      `sync step source '${DIR}/base' is not a child of any watched filepaths ([${DIR}/web])`,
    );
    const b = run("sync('a', '/b')\n");
    expect(errorOf(b)).toBe(
      `found 1 live_update steps that were created but not used in a live_update:\n${DIR}/Tiltfile:1:5: value 'sync step: '${DIR}/a'->'/b'' of type 'live_update_sync_step'`,
    );
  });

  test('default_registry and entrypoint are not supported with Compose', () => {
    const a = run(
      "docker_compose('docker-compose.yml')\ndefault_registry('localhost:5000')\n",
      composeOpts,
    );
    expect(errorOf(a)).toBe('default_registry is not supported with docker compose');
    const b = run(
      "docker_compose('docker-compose.yml')\ndocker_build('proj_web', 'web', entrypoint='x')\n",
      composeOpts,
    );
    expect(errorOf(b)).toBe(
      'docker_build/custom_build.entrypoint not supported for Docker Compose resources',
    );
  });

  test('image_deps must name a Tilt build', () => {
    const r = run("custom_build('a', 'x', ['.'], image_deps=['b'])\n");
    expect(errorOf(r)).toBe('image "a": image dep "b" not found');
  });
});
