// The websocket to the server's view stream: every message goes into the model; on a drop it
// reconnects with exponential backoff (250 ms doubling to 5 s) and resumes from the last log
// checkpoint it holds, so nothing is received twice or lost.
import type { View } from '@slant/api';
import type { ViewModel } from './model.ts';

export type SocketState = 'connecting' | 'open' | 'reconnecting';

export interface ConnectionOptions {
  readonly model: ViewModel;
  readonly url: (query: string) => string;
  readonly onState: (s: SocketState) => void;
}

export function viewUrl(checkpoint: number, tiltStartTime: string | undefined): string {
  const q = new URLSearchParams();
  if (checkpoint > 0 && tiltStartTime !== undefined) {
    q.set('checkpoint', String(checkpoint));
    q.set('tiltStartTime', tiltStartTime);
  }
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

export function backoffMs(attempt: number): number {
  return Math.min(5000, 250 * 2 ** attempt);
}

export function connect(opts: ConnectionOptions): () => void {
  let attempt = 0;
  let stopped = false;
  let ws: WebSocket | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = () => {
    const { model } = opts;
    ws = new WebSocket(opts.url(viewUrl(model.logs.checkpoint, model.tiltStartTime)));
    ws.onopen = () => {
      attempt = 0;
      opts.onState('open');
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      model.apply(JSON.parse(e.data) as View);
    };
    ws.onclose = () => {
      if (stopped) return;
      opts.onState('reconnecting');
      timer = setTimeout(open, backoffMs(attempt++));
    };
  };
  opts.onState('connecting');
  open();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    ws?.close();
  };
}
