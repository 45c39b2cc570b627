// Generates tiltfile.star: a 2,000-line Tiltfile-like program (service definitions as functions,
// dicts of settings, string formatting, list building) that runs under any Starlark
// implementation, since the Tilt builtins it calls are plain Starlark stubs defined at its top.
// Usage: node packages/starlark/bench/gen-tiltfile.ts > packages/starlark/bench/tiltfile.star
import { pathToFileURL } from 'node:url';

const TARGET_LINES = 2000;

/** A small deterministic PRNG (mulberry32) so the generated file is stable. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRELUDE = `# A generated Tiltfile-like program (see gen-tiltfile.ts): service definitions, settings dicts,
# string formatting and list building, with the Tilt builtins stubbed in plain Starlark.
# starlark flags: -recursion

_resources = []
_images = []
_yaml = []

def docker_build(ref, context, dockerfile = "Dockerfile", build_args = {}, live_update = [], ignore = []):
    _images.append({"ref": ref, "context": context, "dockerfile": dockerfile, "args": dict(build_args), "live_update": list(live_update), "ignore": list(ignore)})

def k8s_yaml(docs):
    if type(docs) == "string":
        docs = [docs]
    for d in docs:
        _yaml.append(d)

def k8s_resource(name, port_forwards = [], resource_deps = [], labels = [], trigger_mode = "auto"):
    _resources.append(struct_like(name = name, port_forwards = port_forwards, deps = resource_deps, labels = labels, mode = trigger_mode))

def local_resource(name, cmd, deps = [], labels = [], serve_cmd = ""):
    _resources.append(struct_like(name = name, port_forwards = [], deps = deps, labels = labels, mode = "local", cmd = cmd, serve = serve_cmd))

def sync(src, dest):
    return ("sync", src, dest)

def run(cmd, trigger = []):
    return ("run", cmd, trigger)

def struct_like(**kwargs):
    return dict(kwargs)

def port_forward(local, remote = 0, name = ""):
    if remote == 0:
        remote = local
    return "%d:%d%s" % (local, remote, (" (%s)" % name) if name else "")

def deployment_yaml(name, image, port, env, replicas = 1):
    lines = [
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: %s" % name,
        "  labels: {app: %s}" % name,
        "spec:",
        "  replicas: %d" % replicas,
        "  template:",
        "    spec:",
        "      containers:",
        "      - name: %s" % name,
        "        image: %s" % image,
        "        ports: [{containerPort: %d}]" % port,
    ]
    for k, v in sorted(env.items()):
        lines.append("        - {name: %s, value: %r}" % (k.upper(), str(v)))
    return "\\n".join(lines)

def merge(base, override):
    out = dict(base)
    for k, v in override.items():
        if type(v) == "dict" and type(out.get(k)) == "dict":
            out[k] = merge(out[k], v)
        else:
            out[k] = v
    return out

DEFAULTS = {
    "registry": "localhost:5000",
    "replicas": 1,
    "env": {"LOG_LEVEL": "info", "REGION": "local"},
    "labels": ["backend"],
}
`;

const LANGS = ['go', 'node', 'python', 'java', 'rust'] as const;
const TEAMS = ['payments', 'search', 'identity', 'infra', 'frontend', 'data'] as const;

function service(i: number, rand: () => number, deps: string[]): string {
  const name = `svc-${TEAMS[i % TEAMS.length]}-${i}`;
  const fn = `service_${i}`;
  const lang = LANGS[Math.floor(rand() * LANGS.length)]!;
  const port = 8000 + i;
  const replicas = 1 + Math.floor(rand() * 3);
  const depList = deps.map((d) => `"${d}"`).join(', ');
  return `
def ${fn}(cfg):
    name = "${name}"
    settings = merge(DEFAULTS, cfg)
    image = "{}/{}:{}".format(settings["registry"], name, "dev")
    env = merge(settings["env"], {"SERVICE": name, "PORT": ${port}, "LANG": "${lang}"})
    docker_build(
        image,
        "./services/%s" % name,
        dockerfile = "./services/%s/Dockerfile.${lang}" % name,
        build_args = {"LANG": "${lang}", "VERSION": "1.%d" % ${i}},
        live_update = [sync("./services/%s/src" % name, "/app/src"), run("make -C /app build", trigger = ["./services/%s/Makefile" % name])],
        ignore = ["*.tmp", "node_modules", ".git"],
    )
    k8s_yaml(deployment_yaml(name, image, ${port}, env, replicas = settings["replicas"] * ${replicas}))
    k8s_resource(
        name,
        port_forwards = [port_forward(${port}), port_forward(${port + 10000}, ${port}, name = "debug")],
        resource_deps = [${depList}],
        labels = settings["labels"] + ["${TEAMS[i % TEAMS.length]}"],
    )
    return name
`;
}

export function generate(): string {
  const rand = prng(42);
  const chunks: string[] = [PRELUDE];
  const names: string[] = [];
  let lines = PRELUDE.split('\n').length;
  let i = 0;
  const tailLines = 30;
  while (lines < TARGET_LINES - tailLines) {
    const deps =
      names.length > 0 && rand() < 0.6 ? [names[Math.floor(rand() * names.length)]!] : [];
    const text = service(i, rand, deps);
    chunks.push(text);
    names.push(`svc-${TEAMS[i % TEAMS.length]}-${i}`);
    lines += text.split('\n').length - 1;
    i++;
  }
  const calls = Array.from({ length: i }, (_, k) => `    service_${k}`).join(',\n');
  chunks.push(`
SERVICES = [
${calls},
]

def main():
    names = []
    for i, svc in enumerate(SERVICES):
        names.append(svc({"replicas": 1 + i % 2, "env": {"INDEX": i}}))
    for n in names[:20]:
        local_resource("lint-" + n, "make lint SERVICE=%s" % n, deps = ["./services/%s" % n], labels = ["lint"])
    summary = {}
    for r in _resources:
        for label in r["labels"]:
            summary[label] = summary.get(label, 0) + 1
    total = 0
    for doc in _yaml:
        total += len(doc.split("\\n"))
    return "%d resources, %d images, %d yaml lines, labels %s" % (len(_resources), len(_images), total, sorted(summary.items()))

print(main())
`);
  return chunks.join('');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(generate());
}
