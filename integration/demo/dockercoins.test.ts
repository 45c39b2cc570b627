// The demo (examples/dockercoins) on the real environment: `slant ci` passes; under `slant up`
// every resource turns healthy, coins are mined and counted, an edit of the front end is served
// by the same pod moments later, and the "Reset coins" button runs its command.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { UIResource } from '@slant/api';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { connect, createNamespace, deleteNamespace, type Kube, uniqueName } from '../env/kube.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantApi, SlantProcess, until } from '../three-service/slant-cli.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-demo');
const RESOURCES = ['rng', 'store', 'tests', 'web', 'worker'];
let kube: Kube;
let dir = '';
let webPort = 0;

function slant(args: string[], home: string): SlantProcess {
  return new SlantProcess([...args, '--namespace', ns], {
    cwd: dir,
    env: { KUBECONFIG: env.kubeconfig, SLANT_HOME: home, WEB_PORT: String(webPort) },
  });
}

async function served(path: string): Promise<string> {
  try {
    return await (await fetch(`http://127.0.0.1:${webPort}/${path}`)).text();
  } catch {
    return '';
  }
}

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
  dir = await mkdtemp(join(tmpdir(), 'slant-demo-'));
  await cp(resolve(import.meta.dirname, '../../examples/dockercoins'), dir, { recursive: true });
  webPort = await freePort();
});

afterAll(async () => {
  await deleteNamespace(kube, ns);
  await rm(dir, { recursive: true, force: true });
});

describe('the DockerCoins demo', () => {
  test('slant ci brings every resource up and exits 0', async () => {
    const ci = slant(['ci', '--port', '0'], join(dir, '.ci-home'));
    expect(await ci.exitWithin(300_000), ci.output.slice(-3000)).toBe(0);
    expect(ci.output).toContain('tests │ PASS: a hash with the difficulty');
    expect(ci.output).toContain('SUCCESS. All workloads are healthy.\n');
    // Four services are built on dockercoins-base: the first builds it, the others reuse it.
    expect(
      ci.output.match(/STEP \d+\/\d+ — Building Dockerfile: \[dockercoins-base\]/g),
    ).toHaveLength(1);
  });

  test('slant up: healthy, mining, live-updated front end, and the reset button', async () => {
    const port = await freePort();
    const home = join(dir, '.up-home');
    const up = slant(['up', '--stream', '--port', String(port)], home);
    const api = () => new SlantApi(home, port);
    try {
      await until('every resource healthy', 300_000, async () => {
        const uis = await api().list<UIResource>('uiresources');
        const ok = uis.filter(
          (u) =>
            RESOURCES.includes(u.metadata.name) &&
            u.status?.updateStatus === 'ok' &&
            ['ok', 'not_applicable'].includes(u.status.runtimeStatus ?? ''),
        );
        return ok.length === RESOURCES.length;
      });
      await until('the page through the port-forward', 60_000, async () =>
        (await served('')).includes('DockerCoins mined'),
      );
      // The worker mines: the count the front end reports goes up.
      const first = Number((await served('cgi-bin/count')).trim());
      await until(
        'more coins',
        60_000,
        async () => Number((await served('cgi-bin/count')).trim()) > first,
      );
      await up.waitForOutput(/worker │ mined coin [0-9a-f]{32} \(the store has \d+\)/, 60_000);

      // Editing the front end: synced into the running pod, no rebuild.
      const page = join(dir, 'web/www/index.html');
      const edited = (await readFile(page, 'utf8')).replace(
        'DockerCoins mined',
        'DockerCoins mined so far',
      );
      const mark = up.output.length;
      const saved = Date.now();
      await writeFile(page, edited);
      await until('the edited page', 30_000, async () =>
        (await served('')).includes('mined so far'),
      );
      console.log(`demo: front-end edit served ${Date.now() - saved} ms after the save`);
      expect(up.output.slice(mark)).toMatch(/web │ {3}→ Container web-[a-z0-9-]+\/web updated!/);
      expect(up.output.slice(mark)).not.toContain('web │ STEP 1/');

      // The button on the web resource runs its command.
      await api().patchStatus('uibuttons', 'reset-coins', {
        status: { lastClickedAt: new Date().toISOString().replace('Z', '000Z') },
      });
      await up.waitForOutput(/web │ coins reset to 0/, 30_000, mark);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- slant output:\n${up.output.slice(-5000)}`);
    } finally {
      await up.stop('SIGTERM');
    }
  });
});
