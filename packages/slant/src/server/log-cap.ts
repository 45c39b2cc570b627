// How many log lines a session keeps (and so the web UI can show): SLANT_LOG_MAX_LINES, by default
// the log store's 1,000,000 lines, far above Tilt's 2 MB.
import { UserError } from '../errors.ts';

export const LOG_MAX_LINES_ENV = 'SLANT_LOG_MAX_LINES';

export function logMaxLines(env: Readonly<Record<string, string>>): number | undefined {
  const raw = env[LOG_MAX_LINES_ENV];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new UserError(
      'bad-env',
      `${LOG_MAX_LINES_ENV} must be a whole number of lines above 0, got "${raw}"`,
      `Unset ${LOG_MAX_LINES_ENV} to keep the default of 1000000 lines.`,
    );
  }
  return n;
}
