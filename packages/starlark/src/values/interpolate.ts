// The string % operator.
import { StarlarkError } from '../errors.ts';
export function interpolate(_format: string, _x: import('./object.ts').Value): string {
  throw new StarlarkError('not yet');
}
