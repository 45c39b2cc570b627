import type { RuntimeStatus, UIResource, UpdateStatus } from '@slant/api';
import { afterEach, describe, expect, it } from 'vitest';
import { MANIFEST_ANNOTATION } from '../engine/manifest.ts';
import { startTestSession, type TestSession, uiResource } from './testing.ts';
import { statusText, treeView, type TreeViewOptions } from './tree-view.ts';

let session: TestSession | undefined;
afterEach(async () => {
  await session?.server.close();
  session = undefined;
});

/** A UIResource with its statuses and the resource_deps the engine's annotation carries. */
function res(
  name: string,
  update: UpdateStatus | '',
  runtime: RuntimeStatus | '',
  deps: string[] = [],
): UIResource {
  const ui = uiResource(name);
  return {
    ...ui,
    metadata: {
      ...ui.metadata,
      annotations: { [MANIFEST_ANNOTATION]: JSON.stringify({ resourceDeps: deps }) },
    },
    status: {
      ...ui.status,
      ...(update === '' ? {} : { updateStatus: update }),
      ...(runtime === '' ? {} : { runtimeStatus: runtime }),
    },
  };
}

async function view(
  resources: UIResource[],
  opts: Partial<TreeViewOptions> = {},
  tiltfilePath = '',
): Promise<string> {
  const s = (session = await startTestSession());
  for (const r of resources) s.store.create(r);
  if (tiltfilePath !== '') {
    s.store.create({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'Session',
      metadata: { name: 'Tiltfile' },
      spec: { tiltfilePath, exitCondition: 'manual' },
    });
  }
  return treeView(s.client, { blockers: false, dedupe: false, color: false, ...opts });
}

const DIAMOND = [
  res('(Tiltfile)', 'ok', 'not_applicable'),
  res('database', 'ok', 'ok'),
  res('api', 'ok', 'ok', ['database']),
  res('worker', 'ok', 'ok', ['database']),
  res('frontend', 'ok', 'ok', ['api', 'worker']),
  res('mobile', 'ok', 'ok', ['frontend']),
];

describe('treeView', () => {
  it('draws each resource under the ones it depends on, under the Tiltfile, with a count', async () => {
    expect(await view(DIAMOND, {}, '/src/Tiltfile')).toBe(`Tiltfile: /src/Tiltfile
└── database (ok)
    ├── api (ok)
    │   └── frontend (ok)
    │       └── mobile (ok)
    └── worker (ok)
        └── frontend (ok)
            └── mobile (ok)

---
Resources: 5 total, 5 ok
`);
  });

  it('--dedupe draws a subtree once and names the other dependencies where it repeats', async () => {
    expect(await view(DIAMOND, { dedupe: true })).toBe(`Tiltfile
└── database (ok)
    ├── api (ok)
    │   └── frontend (ok)
    │       └── mobile (ok)
    └── worker (ok)
        └── frontend (ok) [also depends on: api]

---
Resources: 5 total, 5 ok
`);
  });

  it('--blockers keeps the resources not OK, the one holding up most first', async () => {
    const resources = [
      res('ok-thing', 'ok', 'ok'),
      res('redis', 'error', 'ok'),
      res('cache', 'pending', '', ['redis']),
      res('database', 'error', 'error'),
      res('api', 'pending', 'pending', ['database']),
      res('frontend', 'in_progress', 'pending', ['api']),
    ];
    expect(
      await view(resources, { blockers: true }),
    ).toBe(`Blocked resources (root blockers and their dependents):
├── database (error)
│   └── api (pending)
│       └── frontend (building)
└── redis (build error)
    └── cache (build pending)

---
Resources: 5 total, 1 building, 2 pending, 2 errors
`);
    expect((await view(resources, { blockers: true }, '/src/Tiltfile')).split('\n')[0]).toBe(
      'Blocked resources for Tiltfile: /src/Tiltfile',
    );
  });

  it("prints Tilt's one-liners when there is nothing to draw", async () => {
    expect(await view([])).toBe('No resources found.\n');
    expect(await view([res('api', 'ok', 'ok')], { blockers: true })).toBe(
      'No blocked resources found. All resources are OK.\n',
    );
  });

  it('colours names by status and the also-depends-on brackets cyan', async () => {
    const resources = [
      res('(Tiltfile)', 'ok', 'not_applicable'),
      res('healthy', 'ok', 'ok'),
      res('broken', 'error', 'error'),
      res('api', 'ok', 'ok', ['healthy', 'broken']),
    ];
    const g = (t: string) => `\x1b[32m${t}\x1b[0m`;
    const r = (t: string) => `\x1b[31m${t}\x1b[0m`;
    const c = (t: string) => `\x1b[36m${t}\x1b[0m`;
    expect(await view(resources, { color: true, dedupe: true })).toBe(
      `${g('Tiltfile')}
├── ${r('broken (error)')}
│   └── ${g('api (ok)')}
└── ${g('healthy (ok)')}
    └── ${g('api (ok)')} ${c('[also depends on: ')}${r('broken')}${c(']')}

---
Resources: 3 total, ${g('2 ok')}, ${r('1 errors')}
`,
    );
  });
});

describe('statusText', () => {
  it('words a resource by its update and runtime status, errors first', () => {
    const cases: [UpdateStatus | '', RuntimeStatus | '', string][] = [
      ['', '', '(ok)'],
      ['ok', 'not_applicable', '(ok)'],
      ['error', 'error', '(error)'],
      ['error', 'ok', '(build error)'],
      ['ok', 'error', '(runtime error)'],
      ['in_progress', 'pending', '(building)'],
      ['pending', 'pending', '(pending)'],
      ['pending', 'ok', '(build pending)'],
      ['ok', 'pending', '(starting)'],
      ['ok', 'unknown', '(unknown)'],
      ['none', 'none', '(not started)'],
    ];
    expect(cases.map(([update, runtime]) => statusText({ update, runtime })[0])).toEqual(
      cases.map((c) => c[2]),
    );
  });
});
