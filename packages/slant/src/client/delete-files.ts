// `slant delete -f FILENAME`: deletes the objects the files name, as kubectl's delete -f does:
// each printed as `cmd.tilt.dev "x" deleted`; one that is gone already is reported with its file
// (or skipped with --ignore-not-found) while the others still go.
import { ApiError, type ApiClient } from './api-client.ts';
import { ManifestPathError, readManifests } from './manifests.ts';
import { singularQualified } from './resources.ts';
import { KubectlError, reportErrors, serverError } from './write-output.ts';

export interface DeleteFilesOptions {
  readonly filenames: readonly string[];
  readonly readStdin: () => Promise<string>;
  readonly ignoreNotFound: boolean;
  readonly write: (text: string) => void;
  readonly writeErr: (text: string) => void;
}

/** Returns the exit code: 1 when any path, document or deletion failed. */
export async function runDeleteFromFiles(
  client: ApiClient,
  opts: DeleteFilesOptions,
): Promise<number> {
  let entries: Awaited<ReturnType<typeof readManifests>>;
  try {
    entries = await readManifests(opts);
  } catch (err) {
    if (!(err instanceof ManifestPathError)) throw err;
    return reportErrors(
      err.messages.map((m) => new KubectlError(m)),
      opts,
    );
  }
  const errors: KubectlError[] = [];
  for (const e of entries) {
    if ('error' in e) {
      errors.push(new KubectlError(e.error));
      continue;
    }
    try {
      await client.delete(e.kind, e.name);
      opts.write(`${singularQualified(e.kind)} "${e.name}" deleted\n`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 404 && opts.ignoreNotFound) continue;
      errors.push(serverError(err, `error when deleting "${e.source}": `));
    }
  }
  return reportErrors(errors, opts);
}
