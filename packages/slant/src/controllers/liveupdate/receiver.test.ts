import { describe, expect, it } from 'vitest';
import { ExecError, type ExecStream } from '../../k8s/exec.ts';
import { ReceiverChannel, receiverScript, shellQuote } from './receiver.ts';

/** Plays the shell receiver: parses frames, answers each with the scripted output and code. */
function fakeReceiver(nonce: string, answer: (kind: string, payload: string) => [string, number]) {
  const channel = new ReceiverChannel(nonce);
  const received: [string, string][] = [];
  let closeStream: () => void = () => {};
  const stream: ExecStream = {
    write(data) {
      const text = Buffer.from(data).toString();
      const nl = text.indexOf('\n');
      const [kind = '', n = '0'] = text.slice(0, nl).split(' ');
      const payload = text.slice(nl + 1, nl + 1 + Number(n));
      received.push([kind, payload]);
      const [out, code] = answer(kind, payload);
      // Output and answer may arrive split anywhere.
      const reply = Buffer.from(`${out}${nonce} ${code}\n`);
      queueMicrotask(() => {
        channel.onStdout(reply.subarray(0, 3));
        channel.onStdout(reply.subarray(3));
      });
    },
    close: () => closeStream(),
    closed: new Promise<void>((r) => {
      closeStream = r;
    }),
  };
  channel.attach(stream);
  return { channel, received, drop: () => closeStream() };
}

describe('ReceiverChannel', () => {
  it('sends framed requests in order and reads each answer and its output', async () => {
    const r = fakeReceiver('n1', (kind) => (kind === 'C' ? ['hello\n', 3] : ['', 0]));
    const out: string[] = [];
    const [a, b] = await Promise.all([
      r.channel.send('T', new Uint8Array([1, 2, 3]), (t) => out.push(t)),
      r.channel.send('C', new TextEncoder().encode(shellQuote(['sh', '-c', "echo 'hi'"])), (t) =>
        out.push(t),
      ),
    ]);
    expect([a, b]).toEqual([0, 3]);
    expect(out.join('')).toBe('hello\n');
    expect(r.received.map(([k]) => k)).toEqual(['T', 'C']);
    expect(r.received[1]?.[1]).toBe(`'sh' '-c' 'echo '\\''hi'\\'''`);
  });

  it('fails the request in flight when the connection drops', async () => {
    const r = fakeReceiver('n2', () => ['', 0]);
    r.drop();
    await new Promise((res) => setImmediate(res));
    await expect(r.channel.send('R', new Uint8Array(), () => {})).rejects.toBeInstanceOf(ExecError);
    expect(r.channel.isOpen).toBe(false);
  });

  it('answers with the nonce so command output cannot fake an answer', () => {
    expect(receiverScript('slant-lu-abc')).toContain('echo "slant-lu-abc $?"');
  });
});
