// Image builds and live_update: missing Dockerfiles, step order, unused steps, bad paths,
// custom_build, default_registry, docker_compose and dc_resource.
import type { BrokenCase } from './case.ts';

const DOCKERFILE = { 'app/Dockerfile': 'FROM node:20\nCOPY . /app\n' };

// biome-ignore format: one case per line keeps the table readable
export const BUILD_CASES: readonly BrokenCase[] = [
  { name: 'docker_build: missing Dockerfile in the context', tiltfile: "docker_build('app', 'app')\n", files: { 'app/index.js': '' }, at: 'Tiltfile:1:13', error: 'Error in docker_build: error reading dockerfile: open app/Dockerfile: no such file or directory' },
  { name: 'docker_build: dockerfile= names a missing file', tiltfile: "docker_build('app', '.', dockerfile='docker/Dockerfile.dev')\n", at: 'Tiltfile:1:13', error: 'Error in docker_build: error reading dockerfile: open docker/Dockerfile.dev: no such file or directory' },
  { name: 'docker_build: dockerfile and dockerfile_contents together', tiltfile: "docker_build('app', 'app', dockerfile='app/Dockerfile', dockerfile_contents='FROM alpine')\n", files: DOCKERFILE, at: 'Tiltfile:1:13', error: 'Error in docker_build: Cannot specify both dockerfile and dockerfile_contents keyword arguments' },
  { name: 'docker_build: same image built twice', tiltfile: "docker_build('app', 'app')\ndocker_build('app', 'app')\n", files: DOCKERFILE, at: 'Tiltfile:2:13', error: 'Error in docker_build: Image for ref "app" has already been defined' },
  { name: 'docker_build: live_update contains a string', tiltfile: "docker_build('app', 'app', live_update=['sync app /app'])\n", files: DOCKERFILE, at: 'Tiltfile:1:13', error: 'Error in docker_build: live_update: \'steps\' must be a list of live update steps - got value \'"sync app /app"\' of type \'string\'' },
  { name: 'live_update: sync after run', tiltfile: "docker_build('app', 'app', live_update=[run('npm i'), sync('app', '/app')])\n", files: DOCKERFILE, at: 'Tiltfile:1:13', error: 'Error in docker_build: live_update: all sync steps must precede all run steps' },
  { name: 'live_update: fall_back_on after sync', tiltfile: "docker_build('app', 'app', live_update=[sync('app', '/app'), fall_back_on('app/package.json')])\n", files: DOCKERFILE, at: 'Tiltfile:1:13', error: 'Error in docker_build: live_update: fall_back_on steps must appear at the start of the list' },
  { name: 'live_update: initial_sync not first', tiltfile: "docker_build('app', 'app', live_update=[sync('app', '/app'), initial_sync()])\n", files: DOCKERFILE, at: 'Tiltfile:1:13', error: 'Error in docker_build: live_update: initial_sync must appear at most once, at the start of the list' },
  { name: 'live_update: restart_container not last', tiltfile: "docker_build('app', 'app', live_update=[restart_container(), sync('app', '/app')])\n", files: DOCKERFILE, at: 'Tiltfile:1:13', error: 'Error in docker_build: live_update: restart container is only valid as the last step' },
  { name: 'live_update: relative sync destination', tiltfile: "docker_build('app', 'app', live_update=[sync('app', 'app')])\n", files: DOCKERFILE, at: 'Tiltfile:1:13', error: 'Error in docker_build: live_update: spec.syncs[0]: Invalid value: "app": sync destination is not absolute' },
  { name: 'live_update: run with an int trigger', tiltfile: "docker_build('app', 'app', live_update=[run('make', trigger=3)])\n", files: DOCKERFILE, at: 'Tiltfile:1:44', error: 'Error in run: run cmd \'make\' triggers contained value \'3\' of type \'int\'. it may only contain strings' },
  { name: 'live_update: step created but never used', tiltfile: "docker_build('app', 'app')\nsteps = [sync('app', '/app')]\n", files: DOCKERFILE, at: null, error: 'found 1 live_update steps that were created but not used in a live_update:\nTiltfile:2:14: value \'sync step: \'app\'->\'/app\'\' of type \'live_update_sync_step\'' },
  { name: 'live_update: sync missing its destination', tiltfile: "s = sync('app')\n", at: 'Tiltfile:1:9', error: 'Error in sync: sync: missing argument for remote_path' },
  { name: 'custom_build: same image as a docker_build', tiltfile: "docker_build('app', 'app')\ncustom_build('app', 'make', ['app'])\n", files: DOCKERFILE, at: 'Tiltfile:2:13', error: 'Error in custom_build: Image for ref "app" has already been defined' },
  { name: 'custom_build: tag and outputs_image_ref_to together', tiltfile: "custom_build('app', 'make', ['.'], tag='dev', outputs_image_ref_to='ref.txt')\n", at: 'Tiltfile:1:13', error: 'Error in custom_build: Cannot specify both tag= and outputs_image_ref_to=' },
  { name: 'custom_build: empty command', tiltfile: "custom_build('app', '', ['.'])\n", at: 'Tiltfile:1:13', error: 'Error in custom_build: Argument 2 (command) can\'t be empty' },
  { name: 'default_registry: not a registry', tiltfile: "default_registry('Not A Registry!')\n", at: 'Tiltfile:1:17', error: 'Error in default_registry: validating defaultRegistry: host: Invalid value: "Not A Registry!": invalid reference format' },
  { name: 'default_registry: called twice', tiltfile: "default_registry('localhost:5000')\ndefault_registry('localhost:5001')\n", at: 'Tiltfile:2:17', error: 'Error in default_registry: default registry already defined' },
  { name: 'docker_compose: no config paths', tiltfile: 'docker_compose([])\n', at: 'Tiltfile:1:15', error: 'Error in docker_compose: Nothing to compose' },
  { name: 'dc_resource: unknown service', tiltfile: "dc_resource('web', labels=['app'])\n", at: 'Tiltfile:1:12', error: 'Error in dc_resource: no Docker Compose service found with name "web". Found these instead:\n\t' },
  { name: 'local_resource: neither cmd nor serve_cmd', tiltfile: "local_resource('idle')\n", at: 'Tiltfile:1:15', error: 'Error in local_resource: local_resource must have a cmd and/or a serve_cmd, but both were empty' },
  { name: 'local_resource: same name twice', tiltfile: "local_resource('build', 'make')\nlocal_resource('build', 'make all')\n", at: 'Tiltfile:2:15', error: 'Error in local_resource: local_resource named "build" already exists' },
  { name: 'local_resource: name with a slash', tiltfile: "local_resource('tools/build', 'make')\n", at: 'Tiltfile:1:15', error: 'Error in local_resource: local_resource: for parameter name: invalid value "tools/build": may not contain \'/\'' },
  { name: 'local_resource: depends on itself', tiltfile: "local_resource('a', 'true', resource_deps=['a'])\n", at: null, error: 'resource a specified a dependency on itself' },
  { name: 'local_resource: dependency cycle', tiltfile: "local_resource('a', 'true', resource_deps=['b'])\nlocal_resource('b', 'true', resource_deps=['c'])\nlocal_resource('c', 'true', resource_deps=['a'])\n", at: null, error: 'cycle detected in resource dependency graph: a -> b -> c -> a' },
];
