// Store failures, shaped like Kubernetes API errors so the HTTP API can return them as Status
// bodies with the texts kubectl users know.
import { KIND_PLURALS, type Kind } from '@slant/api';

export type StoreErrorReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'Expired';

const HTTP_CODES: { readonly [R in StoreErrorReason]: number } = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  Expired: 410,
};

export class StoreError extends Error {
  readonly reason: StoreErrorReason;
  /** Absent for errors about no one object (an expired watch position). */
  readonly kind: Kind | undefined;
  readonly objectName: string;
  readonly code: number;

  constructor(reason: StoreErrorReason, kind: Kind | undefined, name: string, message: string) {
    super(message);
    this.name = 'StoreError';
    this.reason = reason;
    this.kind = kind;
    this.objectName = name;
    this.code = HTTP_CODES[reason];
  }
}

/** `cmds.tilt.dev`, the qualified resource name Kubernetes puts in its messages. */
export function qualifiedResource(kind: Kind): string {
  return `${KIND_PLURALS[kind]}.tilt.dev`;
}

export function notFound(kind: Kind, name: string): StoreError {
  return new StoreError('NotFound', kind, name, `${qualifiedResource(kind)} "${name}" not found`);
}

export function alreadyExists(kind: Kind, name: string): StoreError {
  return new StoreError(
    'AlreadyExists',
    kind,
    name,
    `${qualifiedResource(kind)} "${name}" already exists`,
  );
}

export function conflict(kind: Kind, name: string): StoreError {
  return new StoreError(
    'Conflict',
    kind,
    name,
    `Operation cannot be fulfilled on ${qualifiedResource(kind)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
}

export function invalid(kind: Kind, name: string, detail: string): StoreError {
  return new StoreError('Invalid', kind, name, `${kind}.tilt.dev "${name}" is invalid: ${detail}`);
}

/** A watch asked to resume from a resourceVersion older than the kept history. */
export function expired(requested: string, oldest: string): StoreError {
  return new StoreError(
    'Expired',
    undefined,
    '',
    `too old resource version: ${requested} (${oldest})`,
  );
}

export function isNotFound(err: unknown): boolean {
  return err instanceof StoreError && err.reason === 'NotFound';
}

export function isConflict(err: unknown): boolean {
  return err instanceof StoreError && err.reason === 'Conflict';
}
