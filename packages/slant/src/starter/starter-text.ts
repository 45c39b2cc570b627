// The starter Tiltfile `slant up` offers to write where there is none. It runs as written (a
// greeting, a pointer to the file, one local command: a session needs a resource); the rest is
// commented-out examples of the builtins most projects start with, to uncomment and adapt.
export const STARTER_TILTFILE = `# -*- mode: Python -*-
# A starter Tiltfile, written by \`slant up\`. Slant runs this file (Starlark, a Python dialect)
# whenever it or a file it reads changes. Uncomment and adapt the examples below.
# Reference of every builtin: https://docs.tilt.dev/api.html

print('Hello from your new Tiltfile! This text is in the (Tiltfile) log whenever it runs.')
warn('Open {} in your editor to describe your services.'.format(config.main_path))

# A first resource: a command run on this machine. Its output is in its log in the web UI.
local_resource('hello', cmd='echo "Slant ran this command. Replace it with your own."')

# --- A service on Kubernetes ------------------------------------------------------------------
# Build an image from ./api; every deploy below that names 'my-registry/api' gets the new tag.
# live_update copies changed files into the running container instead of rebuilding.
#
# docker_build(
#     'my-registry/api',
#     './api',
#     live_update=[
#         sync('./api/src', '/app/src'),
#         run('npm install', trigger=['./api/package.json']),
#     ],
# )
# k8s_yaml(['k8s/api-deployment.yaml', 'k8s/api-service.yaml'])
# k8s_resource('api', port_forwards='8080:8080', labels=['backend'])

# --- Helm and kustomize ----------------------------------------------------------------------
# k8s_yaml(helm('./charts/web', name='web', values=['./charts/web/dev-values.yaml']))
# k8s_yaml(kustomize('./k8s/overlays/dev'))

# --- Commands on this machine -----------------------------------------------------------------
# cmd runs once per change of its deps; serve_cmd is a long-running process.
#
# local_resource('codegen', cmd='make generate', deps=['./proto'], labels=['tools'])
# local_resource(
#     'frontend',
#     serve_cmd='npm run dev',
#     deps=['./frontend/package.json'],
#     resource_deps=['api'],
#     readiness_probe=probe(http_get=http_get_action(port=3000)),
#     links=['http://localhost:3000'],
# )

# --- Docker Compose ---------------------------------------------------------------------------
# docker_compose('./docker-compose.yml')
# dc_resource('db', labels=['storage'])

# --- Only some resources ----------------------------------------------------------------------
# \`slant up api frontend\` starts those two (and what they depend on); or declare arguments:
#
# config.define_string_list('to-run', args=True)
# cfg = config.parse()
# config.set_enabled_resources(cfg.get('to-run', []))
`;
