// One `?watch=true` response: newline-delimited Kubernetes watch events for one kind. Writes go
// to the socket buffer; a slow client never makes the store wait.
import type { ApiObject, Kind } from '@slant/api';
import type { ServerResponse } from 'node:http';
import type { ObjectStore } from '../store.ts';

export interface WatchStreamRequest {
  store: ObjectStore;
  res: ServerResponse;
  kind: Kind;
  /** The label and field selectors; undefined when there are none. */
  matches: ((o: ApiObject) => boolean) | undefined;
  /** `?resourceVersion=`; empty or "0" lists existing objects first. */
  since: string;
  /** Enders of the open streams, so closing the server ends them. */
  open: Set<() => void>;
}

export function streamWatch({ store, res, kind, matches, since, open }: WatchStreamRequest): void {
  // Subscribing first: an expired resourceVersion throws before any header is sent.
  // With a selector, an object that starts or stops matching is ADDED or DELETED for this
  // watcher, as in Kubernetes. (A resumed watch cannot know what the client saw: it only
  // filters.)
  const resumed = since !== '' && since !== '0';
  const shown = new Set<string>();
  const unsubscribe = store.watch(
    (e) => {
      if (matches === undefined || resumed) {
        if (matches !== undefined && !matches(e.object)) return;
        res.write(`${JSON.stringify(e)}\n`);
        return;
      }
      const name = e.object.metadata.name;
      const selected = e.type !== 'DELETED' && matches(e.object);
      let type = e.type;
      if (selected) type = shown.has(name) ? 'MODIFIED' : 'ADDED';
      else if (shown.has(name)) type = 'DELETED';
      else return;
      if (type === 'DELETED') shown.delete(name);
      else shown.add(name);
      res.write(`${JSON.stringify({ type, object: e.object })}\n`);
    },
    { kind, sendInitial: true, sinceResourceVersion: since },
  );
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.flushHeaders();
  const end = () => {
    unsubscribe();
    open.delete(end);
    res.end();
  };
  open.add(end);
  res.on('close', end);
}
