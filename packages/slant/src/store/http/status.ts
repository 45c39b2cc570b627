// Kubernetes `Status` bodies: what the API server returns for failures, so kubectl and client
// libraries show their usual messages.
import { KIND_PLURALS } from '@slant/api';
import { StoreError } from '../errors.ts';

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name: string; group: string; kind: string };
  code: number;
}

export function statusBody(code: number, reason: string, message: string): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

/** A Status for any error thrown while serving; unexpected errors become InternalError. */
export function statusFromError(err: unknown): StatusBody {
  if (err instanceof StoreError) {
    const body = statusBody(err.code, err.reason, err.message);
    if (err.kind === undefined) return body;
    return {
      ...body,
      details: { name: err.objectName, group: 'tilt.dev', kind: KIND_PLURALS[err.kind] },
    };
  }
  if (err instanceof HttpError) return statusBody(err.code, err.reason, err.message);
  const msg = err instanceof Error ? err.message : String(err);
  return statusBody(500, 'InternalError', `Internal error occurred: ${msg}`);
}

/** A failure decided by the HTTP layer itself (bad request, unknown path, bad method). */
export class HttpError extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(code: number, reason: string, message: string) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.reason = reason;
  }
}

export const UNAUTHORIZED = statusBody(401, 'Unauthorized', 'Unauthorized');

export function pathNotFound(): HttpError {
  return new HttpError(404, 'NotFound', 'the server could not find the requested resource');
}

export function methodNotAllowed(method: string): HttpError {
  return new HttpError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource: ${method}`,
  );
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, 'BadRequest', message);
}
