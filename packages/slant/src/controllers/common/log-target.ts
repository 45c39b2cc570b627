// Where an object's logs go: its resource and span annotations, as Tilt's object log handler
// reads them (no span annotation: `<Kind>-<name>`; no resource: the global log).
import { ANNOTATIONS, type ApiObject } from '@slant/api';

export interface LogTarget {
  readonly resource: string;
  readonly spanId: string;
}

export function logTarget(obj: ApiObject): LogTarget {
  const a = obj.metadata.annotations ?? {};
  const spanId = a[ANNOTATIONS.logSpanId] ?? '';
  return {
    resource: a[ANNOTATIONS.resource] ?? '',
    spanId: spanId === '' ? `${obj.kind}-${obj.metadata.name}` : spanId,
  };
}
