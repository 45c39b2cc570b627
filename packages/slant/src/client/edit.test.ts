import type { Cmd } from '@slant/api';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type EditorRunner, runEdit } from './edit.ts';
import { startTestSession, type TestSession } from './testing.ts';

let session: TestSession | undefined;
let dir = '';
afterEach(async () => {
  await session?.server.close();
  session = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const SLEEP: Cmd = {
  apiVersion: 'tilt.dev/v1alpha1',
  kind: 'Cmd',
  metadata: { name: 'my-sleep' },
  spec: { args: ['sleep', '100'] },
};

/** An editor that rewrites the file with each of `edits` in turn, recording what it was shown. */
function fakeEditor(...edits: ((text: string) => string)[]): {
  editor: EditorRunner;
  shown: string[];
} {
  const shown: string[] = [];
  const editor: EditorRunner = async (path) => {
    const text = readFileSync(path, 'utf8');
    shown.push(text);
    const edit = edits[shown.length - 1] ?? ((t: string) => t);
    writeFileSync(path, edit(text));
  };
  return { editor, shown };
}

async function edit(args: string[], editor: EditorRunner) {
  session ??= await startTestSession();
  dir = mkdtempSync(join(tmpdir(), 'slant-edit-test-'));
  let out = '';
  let err = '';
  const code = await runEdit(session.client, args, {
    editor,
    output: '',
    outputPatch: false,
    tempDir: dir,
    write: (t) => {
      out += t;
    },
    writeErr: (t) => {
      err += t;
    },
  });
  return { code, out, err: err.replaceAll(dir, '<tmp>') };
}

async function withSleep(): Promise<TestSession> {
  session = await startTestSession();
  session.store.create(SLEEP);
  return session;
}

describe('runEdit', () => {
  it('patches what was changed and prints edited; the temporary file is removed', async () => {
    const s = await withSleep();
    const { editor, shown } = fakeEditor((t) => t.replace('- "100"', '- "5"'));
    expect(await edit(['cmd', 'my-sleep'], editor)).toEqual({
      code: 0,
      out: 'cmd.tilt.dev/my-sleep edited\n',
      err: '',
    });
    expect(s.store.get('Cmd', 'my-sleep')?.spec.args).toEqual(['sleep', '5']);
    expect(
      shown[0],
    ).toBe(`# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
apiVersion: tilt.dev/v1alpha1
kind: Cmd
metadata:
  creationTimestamp: "2024-01-01T00:00:00Z"
  generation: 1
  name: my-sleep
  resourceVersion: "1"
  uid: uid-1
spec:
  args:
  - sleep
  - "100"
`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('cancels when nothing but comments and layout changed', async () => {
    const s = await withSleep();
    const { editor } = fakeEditor((t) => `# a note\n${t.replace('kind: Cmd', 'kind:   Cmd')}`);
    expect(await edit(['cmd/my-sleep'], editor)).toEqual({
      code: 0,
      out: '',
      err: 'Edit cancelled, no changes made.\n',
    });
    expect(s.store.get('Cmd', 'my-sleep')?.metadata.resourceVersion).toBe('1');
  });

  it('a status written while the editor is open does not make the edit fail', async () => {
    const s = await withSleep();
    const editor: EditorRunner = async (path) => {
      s.store.updateStatus({ ...SLEEP, status: { ready: true } });
      writeFileSync(path, readFileSync(path, 'utf8').replace('- sleep', '- nap'));
    };
    expect((await edit(['cmd', 'my-sleep'], editor)).out).toBe('cmd.tilt.dev/my-sleep edited\n');
    expect(s.store.get('Cmd', 'my-sleep')?.spec.args).toEqual(['nap', '100']);
  });

  it('re-opens a file that does not parse with the reason on top, then saves the fix', async () => {
    const s = await withSleep();
    const { editor, shown } = fakeEditor(
      (t) => t.replace('kind: Cmd', 'kind: Cmd: x'),
      (t) => t.replace('kind: Cmd: x', 'kind: Cmd').replace('- sleep', '- nap'),
    );
    expect(await edit(['cmd', 'my-sleep'], editor)).toEqual({
      code: 0,
      out: 'cmd.tilt.dev/my-sleep edited\n',
      err: '',
    });
    expect(shown[1]?.split('\n').slice(3, 7)).toEqual([
      '#',
      '# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context',
      '#',
      'apiVersion: tilt.dev/v1alpha1',
    ]);
    expect(s.store.get('Cmd', 'my-sleep')?.spec.args).toEqual(['nap', '100']);
  });

  it('gives up, keeping a copy, when the broken file is saved again unchanged', async () => {
    await withSleep();
    const { editor, shown } = fakeEditor((t) => t.replace('kind: Cmd', 'kind: Cmd: x'));
    expect(await edit(['cmd', 'my-sleep'], editor)).toEqual({
      code: 1,
      out: '',
      err: expect.stringMatching(
        /^A copy of your changes has been stored to "<tmp>\/slant-edit-[0-9a-f]+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/,
      ) as unknown as string,
    });
    expect(shown).toHaveLength(2);
    const kept = readdirSync(dir);
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!), 'utf8')).toContain('kind: Cmd: x');
  });

  it('refuses a change of name, kind or apiVersion', async () => {
    await withSleep();
    const { editor } = fakeEditor((t) => t.replace('name: my-sleep', 'name: other'));
    const r = await edit(['cmd', 'my-sleep'], editor);
    expect([r.code, r.err.split('\n').slice(1)]).toEqual([
      1,
      ['error: At least one of apiVersion, kind and name was changed', ''],
    ]);
  });

  it('keeps the file when the server refuses the patch (a stale resourceVersion)', async () => {
    await withSleep();
    const { editor } = fakeEditor((t) =>
      t.replace('resourceVersion: "1"', 'resourceVersion: "7"').replace('- sleep', '- nap'),
    );
    expect(await edit(['cmd', 'my-sleep'], editor)).toEqual({
      code: 1,
      out: '',
      err: expect.stringMatching(
        /^error: cmds\.tilt\.dev "my-sleep" could not be patched: Operation cannot be fulfilled on cmds\.tilt\.dev "my-sleep": the object has been modified; please apply your changes to the latest version and try again\nA copy of your changes has been stored to "<tmp>\/slant-edit-[0-9a-f]+\.yaml"\n$/,
      ) as unknown as string,
    });
  });

  it("reports the editor's failure and a missing object as kubectl does", async () => {
    await withSleep();
    const failing: EditorRunner = async () => {
      throw new Error('there was a problem with the editor "false"');
    };
    expect(await edit(['cmd', 'my-sleep'], failing)).toEqual({
      code: 1,
      out: '',
      err: 'error: there was a problem with the editor "false"\n',
    });
    await expect(edit(['cmd', 'nope'], fakeEditor().editor)).rejects.toThrow(
      'Error from server (NotFound): cmds.tilt.dev "nope" not found',
    );
  });
});
