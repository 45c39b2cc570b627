import { generateKeyPairSync, verify } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AgentCall, type AgentSource, forwardAgent, sshAgents } from './ssh.ts';

let dir = '';
let socket = '';
let agent: Server;
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-ssh-'));
  socket = join(dir, 'agent.sock');
  await writeFile(join(dir, 'junk'), 'not a key');
  await writeFile(join(dir, 'id_rsa'), rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }));
  // A stand-in agent: answers every request with its bytes reversed.
  agent = createServer((c) => c.on('data', (d: Buffer) => c.write(Buffer.from(d).reverse())));
  await new Promise<void>((resolve) => agent.listen(socket, resolve));
});
afterAll(async () => {
  agent.close();
  await rm(dir, { recursive: true, force: true });
});

class Call extends EventEmitter implements AgentCall {
  /** What the agent sent back so far. */
  got = Buffer.alloc(0);
  write(m: { data: Uint8Array }): boolean {
    this.got = Buffer.concat([this.got, m.data]);
    this.emit('wrote');
    return true;
  }
  end(): void {}
  /** Sends one agent message (length-prefixed) and waits for one answer. */
  async ask(message: Buffer): Promise<Buffer> {
    this.got = Buffer.alloc(0);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(message.length);
    this.emit('data', { data: Buffer.concat([len, message]) });
    while (this.got.length < 4 || this.got.length < 4 + this.got.readUInt32BE(0)) {
      await new Promise((resolve) => this.once('wrote', resolve));
    }
    return this.got.subarray(4);
  }
}

const sshString = (b: Buffer): Buffer => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
};
const readString = (b: Buffer, at: number): [Buffer, number] => {
  const n = b.readUInt32BE(at);
  return [b.subarray(at + 4, at + 4 + n), at + 4 + n];
};

describe("docker_build's ssh agents", () => {
  test('default is $SSH_AUTH_SOCK; ID=PATH names a socket or key files', () => {
    const key = join(dir, 'id_rsa');
    const agents = sshAgents(['default', `other=${socket}`, `keys=${key}`], {
      SSH_AUTH_SOCK: socket,
    });
    expect(agents.get('default')).toEqual({ socket });
    expect(agents.get('other')).toEqual({ socket });
    expect((agents.get('keys') as { keys: unknown[] }).keys).toHaveLength(1);
  });

  test('specs it cannot serve are refused in BuildKit’s words', () => {
    const refused = (specs: string[], env: Record<string, string>, why: string) => {
      expect(() => sshAgents(specs, env)).toThrow(
        `could not parse ssh: [${specs.join(' ')}]: ${why}`,
      );
    };
    refused(
      ['default'],
      {},
      'failed to convert agent config {default [] false}: invalid empty ssh agent socket: make sure SSH_AUTH_SOCK is set',
    );
    refused(['a', 'a'], { SSH_AUTH_SOCK: socket }, 'duplicate agent ID "a"');
    refused(
      ['k=/nonexistent/key'],
      {},
      'failed to convert agent config {k [/nonexistent/key] false}: failed to convert agent config for ID: "k": stat /nonexistent/key: no such file or directory',
    );
    const junk = join(dir, 'junk');
    refused(
      [`k=${junk}`],
      {},
      `failed to convert agent config {k [${junk}] false}: failed to convert agent config for ID: "k": failed to parse ${junk}: `,
    );
    refused(
      [`k=${socket},${socket}`],
      {},
      `failed to convert agent config {k [${socket} ${socket}] false}: failed to convert agent config for ID: "k": only single socket allowed`,
    );
  });

  test('a socket agent and the forwarding call exchange bytes both ways', async () => {
    const call = new Call();
    forwardAgent(call, { socket });
    // The stand-in agent sends back what it gets, reversed.
    const got = new Promise<Buffer>((resolve) => {
      call.once('wrote', () => resolve(Buffer.from(call.got)));
    });
    call.emit('data', { data: Buffer.from([0, 0, 0, 2, 11, 12]) });
    expect([...(await got)]).toEqual([12, 11, 2, 0, 0, 0]);
  });

  test("key files are served by Slant's own agent: it lists them and signs with them", async () => {
    const source = sshAgents([`k=${join(dir, 'id_rsa')}`], {}).get('k') as AgentSource;
    const call = new Call();
    forwardAgent(call, source);
    // SSH_AGENTC_REQUEST_IDENTITIES → SSH_AGENT_IDENTITIES_ANSWER with one key.
    const ids = await call.ask(Buffer.from([11]));
    expect(ids[0]).toBe(12);
    expect(ids.readUInt32BE(1)).toBe(1);
    const [blob] = readString(ids, 5);
    // SSH_AGENTC_SIGN_REQUEST with rsa-sha2-256 → SSH_AGENT_SIGN_RESPONSE, verifiable with the key.
    const data = Buffer.from('session data to sign');
    const flags = Buffer.from([0, 0, 0, 2]);
    const signed = await call.ask(
      Buffer.concat([Buffer.from([13]), sshString(blob), sshString(data), flags]),
    );
    expect(signed[0]).toBe(14);
    const [sigBlob] = readString(signed, 1);
    const [algo, next] = readString(sigBlob, 0);
    const [sig] = readString(sigBlob, next);
    expect(algo.toString()).toBe('rsa-sha2-256');
    expect(verify('sha256', data, rsa.publicKey, sig)).toBe(true);
  });
});
