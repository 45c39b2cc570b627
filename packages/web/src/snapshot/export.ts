// Snapshots: the view as held now saved to a file (Tilt's `tilt-snapshot_<time>.json`), and a
// saved file read back into a model for the offline viewer.
import type { Snapshot } from '@slant/api';
import { ViewModel } from '../app/model.ts';

export function toSnapshot(model: ViewModel, path: string, now: Date): Snapshot {
  return { view: model.toView(), path, createdAt: now.toISOString() };
}

export function fromSnapshot(text: string): ViewModel {
  const snap = JSON.parse(text) as Snapshot;
  if (snap.view === undefined) throw new Error('not a snapshot file: it has no "view"');
  const model = new ViewModel();
  model.apply(snap.view);
  return model;
}

export function downloadSnapshot(model: ViewModel): void {
  const now = new Date();
  const snap = toSnapshot(model, window.location.pathname, now);
  const blob = new Blob([JSON.stringify(snap)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `tilt-snapshot_${now.toISOString().replace(/[:.]/g, '-')}.json`;
  a.click();
  URL.revokeObjectURL(a.href);
}
