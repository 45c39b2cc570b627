// `slant alpha tree-view`: the resources as a tree by resource_deps, as `tilt alpha tree-view`
// draws it: under the Tiltfile, each resource below the ones it depends on (a resource with two
// dependencies shows under both), with its status and a count at the end. `--blockers` keeps the
// resources that are not OK, rooted at the ones whose dependencies are all fine; `--dedupe` draws
// a subtree once and marks the other places with `[also depends on: …]`.
import type { RuntimeStatus, Session, UIResource, UpdateStatus } from '@slant/api';
import { readManifest } from '../engine/manifest.ts';
import type { ApiClient } from './api-client.ts';

export interface TreeViewOptions {
  readonly blockers: boolean;
  readonly dedupe: boolean;
  /** ANSI colours (a terminal that supports them). */
  readonly color: boolean;
}

const TILTFILE = '(Tiltfile)';

type Tone = 'ok' | 'warning' | 'error' | 'dependsOn';
const TONES: Record<Tone, string> = {
  ok: '\x1b[32m',
  warning: '\x1b[33m',
  error: '\x1b[31m',
  dependsOn: '\x1b[36m',
};

interface Status {
  readonly update: UpdateStatus | '';
  readonly runtime: RuntimeStatus | '';
}

interface TreeNode extends Status {
  readonly name: string;
  displayName: string;
  readonly children: TreeNode[];
}

interface Graph {
  readonly byName: ReadonlyMap<string, UIResource>;
  /** Resource → the resources it depends on (resource_deps). */
  readonly deps: ReadonlyMap<string, readonly string[]>;
  /** Resource → the resources that depend on it. */
  readonly childrenOf: Map<string, string[]>;
}

interface Tree {
  readonly root: TreeNode;
  readonly graph: Graph;
  /** --blockers: the "also depends on" list names only resources in the tree. */
  readonly shown?: ReadonlySet<string>;
}

function statusOf(ui: UIResource | undefined): Status {
  return { update: ui?.status?.updateStatus ?? '', runtime: ui?.status?.runtimeStatus ?? '' };
}

/** The status word after a resource's name, and its colour (Tilt's order of precedence). */
export function statusText({ update, runtime }: Status): [string, Tone] {
  if (update === 'error' && runtime === 'error') return ['(error)', 'error'];
  if (update === 'error') return ['(build error)', 'error'];
  if (runtime === 'error') return ['(runtime error)', 'error'];
  if (update === 'in_progress') return ['(building)', 'warning'];
  if (update === 'pending' && runtime === 'pending') return ['(pending)', 'warning'];
  if (update === 'pending') return ['(build pending)', 'warning'];
  if (runtime === 'pending') return ['(starting)', 'warning'];
  if (runtime === 'unknown') return ['(unknown)', 'warning'];
  if (update === 'none' || runtime === 'none') return ['(not started)', 'warning'];
  const fine = ['ok', 'not_applicable', ''];
  // A value this list doesn't know (written by hand through the API) gets no word.
  return fine.includes(update) && fine.includes(runtime) ? ['(ok)', 'ok'] : ['', 'ok'];
}

function notOk({ update, runtime }: Status): boolean {
  const fine = ['ok', 'not_applicable', 'none', ''];
  return !fine.includes(update) || !fine.includes(runtime);
}

export function buildGraph(
  resources: readonly UIResource[],
  deps: ReadonlyMap<string, readonly string[]>,
): Graph {
  const byName = new Map(resources.map((r) => [r.metadata.name, r]));
  const childrenOf = new Map<string, string[]>();
  for (const [child, parents] of deps) {
    for (const parent of parents) {
      if (!byName.has(parent)) continue;
      childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), child]);
    }
  }
  return { byName, deps, childrenOf };
}

function node(name: string, g: Graph): TreeNode {
  const children = [...(g.childrenOf.get(name) ?? [])].sort().map((c) => node(c, g));
  return { name, displayName: name, ...statusOf(g.byName.get(name)), children };
}

function fullTree(g: Graph, tiltfilePath: string): Tree {
  const hasParent = new Set([...g.childrenOf.values()].flat());
  const roots = [...g.byName.keys()].filter((n) => !hasParent.has(n) && n !== TILTFILE).sort();
  g.childrenOf.set(TILTFILE, roots);
  const root = node(TILTFILE, g);
  root.displayName = tiltfilePath === '' ? 'Tiltfile' : `Tiltfile: ${tiltfilePath}`;
  return { root, graph: g };
}

function descendants(name: string, g: Graph, into: Set<string>): Set<string> {
  if (into.has(name)) return into;
  into.add(name);
  for (const c of g.childrenOf.get(name) ?? []) descendants(c, g, into);
  return into;
}

function blockersTree(g: Graph, tiltfilePath: string): Tree | string {
  const bad = new Set([...g.byName].filter(([, r]) => notOk(statusOf(r))).map(([n]) => n));
  if (bad.size === 0) return 'No blocked resources found. All resources are OK.';
  const rootBlockers = [...bad].filter((n) => !(g.deps.get(n) ?? []).some((p) => bad.has(p)));
  if (rootBlockers.length === 0) return 'No root blockers found.';
  // The blocker that holds up the most resources first, then by name.
  const byReach = rootBlockers
    .map((n) => ({ n, reach: descendants(n, g, new Set()).size }))
    .sort((a, b) => b.reach - a.reach || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0))
    .map((x) => x.n);
  const shown = new Set<string>();
  for (const n of byReach) descendants(n, g, shown);
  const root: TreeNode = {
    name: '',
    displayName:
      tiltfilePath === ''
        ? 'Blocked resources (root blockers and their dependents):'
        : `Blocked resources for Tiltfile: ${tiltfilePath}`,
    update: '',
    runtime: '',
    children: byReach.map((n) => node(n, g)),
  };
  return { root, graph: g, shown };
}

class Printer {
  private readonly lines: string[] = [];
  private readonly expanded = new Set<string>();
  private readonly tree: Tree;
  private readonly opts: TreeViewOptions;

  constructor(tree: Tree, opts: TreeViewOptions) {
    this.tree = tree;
    this.opts = opts;
  }

  private paint(text: string, tone: Tone | undefined): string {
    return this.opts.color && tone !== undefined ? `${TONES[tone]}${text}\x1b[0m` : text;
  }

  print(): string {
    this.printNode(this.tree.root, '', true, true, '');
    return `${this.lines.join('')}${this.stats()}`;
  }

  private printNode(n: TreeNode, prefix: string, last: boolean, isRoot: boolean, parent: string) {
    const branch = isRoot ? '' : `${prefix}${last ? '└──' : '├──'} `;
    let text = n.displayName;
    let tone: Tone | undefined;
    if (!isRoot) {
      const [word, t] = statusText(n);
      if (word !== '') text = `${text} ${word}`;
      tone = t;
    }
    const seen = this.expanded.has(n.name);
    const also = this.opts.dedupe && seen ? this.alsoDependsOn(n.name, parent) : '';
    this.lines.push(`${branch}${this.paint(text, isRoot ? 'ok' : tone)}${also}\n`);
    this.expanded.add(n.name);
    if (this.opts.dedupe && seen) return;
    const childPrefix = isRoot ? '' : `${prefix}${last ? '   ' : '│  '} `;
    n.children.forEach((c, i) => {
      this.printNode(c, childPrefix, i === n.children.length - 1, false, n.name);
    });
  }

  private alsoDependsOn(name: string, parent: string): string {
    const { graph, shown } = this.tree;
    const others = (graph.deps.get(name) ?? []).filter(
      (d) => d !== parent && (shown === undefined || shown.has(d)),
    );
    if (others.length === 0) return '';
    const parts = others.map((d) => {
      const ui = graph.byName.get(d);
      return this.paint(d, ui === undefined ? 'ok' : statusText(statusOf(ui))[1]);
    });
    const open = this.paint('[also depends on: ', 'dependsOn');
    return ` ${open}${parts.join(', ')}${this.paint(']', 'dependsOn')}`;
  }

  /** The count line: each resource in the tree once, the root not counted. */
  private stats(): string {
    const count = { total: 0, ok: 0, building: 0, pending: 0, errors: 0 };
    const seen = new Set<string>();
    const walk = (n: TreeNode) => {
      if (seen.has(n.name)) return;
      seen.add(n.name);
      if (n !== this.tree.root) {
        count.total++;
        const tone = statusText(n)[1];
        if (tone === 'ok') count.ok++;
        else if (tone === 'error') count.errors++;
        else if (n.update === 'in_progress') count.building++;
        else count.pending++;
      }
      for (const c of n.children) walk(c);
    };
    walk(this.tree.root);
    const parts = [`${count.total} total`];
    if (count.ok > 0) parts.push(this.paint(`${count.ok} ok`, 'ok'));
    if (count.building > 0) parts.push(this.paint(`${count.building} building`, 'warning'));
    if (count.pending > 0) parts.push(this.paint(`${count.pending} pending`, 'warning'));
    if (count.errors > 0) parts.push(this.paint(`${count.errors} errors`, 'error'));
    return `\n---\nResources: ${parts.join(', ')}\n`;
  }
}

/** The tree (or Tilt's one-line message when there is nothing to draw) for these resources. */
export function renderTree(
  resources: readonly UIResource[],
  deps: ReadonlyMap<string, readonly string[]>,
  tiltfilePath: string,
  opts: TreeViewOptions,
): string {
  if (resources.length === 0) return 'No resources found.\n';
  const g = buildGraph(resources, deps);
  const tree = opts.blockers ? blockersTree(g, tiltfilePath) : fullTree(g, tiltfilePath);
  if (typeof tree === 'string') return `${tree}\n`;
  return new Printer(tree, opts).print();
}

/** `slant alpha tree-view`: resources and their resource_deps from the running session. */
export async function treeView(client: ApiClient, opts: TreeViewOptions): Promise<string> {
  const [resources, sessions] = await Promise.all([
    client.list<UIResource>('UIResource'),
    client.list<Session>('Session'),
  ]);
  // resource_deps ride on each UIResource in the manifest annotation the engine writes.
  const deps = new Map<string, readonly string[]>();
  for (const ui of resources.items) {
    const d = readManifest(ui)?.resourceDeps ?? [];
    if (d.length > 0) deps.set(ui.metadata.name, d);
  }
  const tiltfilePath = sessions.items[0]?.spec.tiltfilePath ?? '';
  return renderTree(resources.items, deps, tiltfilePath, opts);
}
