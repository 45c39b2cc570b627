import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AgentCall, forwardAgent, sshAgents } from './ssh.ts';

let dir = '';
let socket = '';
let agent: Server;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-ssh-'));
  socket = join(dir, 'agent.sock');
  await writeFile(join(dir, 'id_rsa'), 'not an agent');
  // A stand-in agent: answers every request with its bytes reversed.
  agent = createServer((c) => c.on('data', (d: Buffer) => c.write(Buffer.from(d).reverse())));
  await new Promise<void>((resolve) => agent.listen(socket, resolve));
});
afterAll(async () => {
  agent.close();
  await rm(dir, { recursive: true, force: true });
});

describe("docker_build's ssh agents", () => {
  test('default is $SSH_AUTH_SOCK; ID=PATH names a socket', () => {
    const agents = sshAgents(['default', `other=${socket}`], { SSH_AUTH_SOCK: socket });
    expect([...agents]).toEqual([
      ['default', socket],
      ['other', socket],
    ]);
  });

  test('specs it cannot serve are refused with what is wrong', () => {
    const refused = (specs: string[], env: Record<string, string>, why: string) => {
      expect(() => sshAgents(specs, env)).toThrow(
        `could not parse ssh: [${specs.join(' ')}]: ${why}`,
      );
    };
    refused(['default'], {}, 'invalid empty ssh agent socket: make sure SSH_AUTH_SOCK is set');
    refused(['a', 'a'], { SSH_AUTH_SOCK: socket }, 'duplicate agent ID "a"');
    refused(
      ['k=/nonexistent/key'],
      {},
      'failed to stat /nonexistent/key: no such file or directory',
    );
    const key = join(dir, 'id_rsa');
    refused([`k=${key}`], {}, `${key}: Slant forwards SSH agent sockets only, not key files`);
  });

  test('the forwarding call and the agent exchange bytes both ways, and end together', async () => {
    class Call extends EventEmitter implements AgentCall {
      readonly got: Buffer[] = [];
      ended = false;
      write(m: { data: Uint8Array }): boolean {
        this.got.push(Buffer.from(m.data));
        this.emit('wrote');
        return true;
      }
      end(): void {
        this.ended = true;
      }
    }
    const call = new Call();
    forwardAgent(call, socket);
    const answered = new Promise((resolve) => call.once('wrote', resolve));
    call.emit('data', { data: Buffer.from([0, 0, 0, 1, 11]) });
    await answered;
    expect(Buffer.concat(call.got)).toEqual(Buffer.from([11, 1, 0, 0, 0]));
  });
});
