// The offline viewer's start: pick a snapshot file saved from a running session.
import { useState } from 'react';
import type { ViewModel } from '../app/model.ts';
import { fromSnapshot } from './export.ts';

export function SnapshotLoader({
  onLoad,
  error: initialError = '',
}: {
  onLoad: (m: ViewModel) => void;
  /** Why a served snapshot could not be read, shown until a file is picked. */
  error?: string;
}) {
  const [error, setError] = useState(initialError);
  return (
    <div className="snapshot-loader">
      <h1>View a snapshot</h1>
      <p>Open a snapshot file saved with the Snapshot button of a running session.</p>
      <input
        type="file"
        accept="application/json,.json"
        aria-label="Snapshot file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file === undefined) return;
          file
            .text()
            .then((t) => onLoad(fromSnapshot(t)))
            .catch((err: unknown) => setError((err as Error).message));
        }}
      />
      {error !== '' && <p className="error">{error}</p>}
    </div>
  );
}
