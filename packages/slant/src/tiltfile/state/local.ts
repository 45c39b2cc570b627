// The local section of TiltfileState: local_resource() (and its deprecated alias test()).
import type { Probe } from '@slant/api';
import type { ResourceLink } from '../builtins/link.ts';
import type { Cmd } from '../cmd.ts';
import type { TriggerMode } from './build.ts';

/** One local_resource (Tilt's localResource). */
export interface LocalResource {
  readonly name: string;
  readonly updateCmd: Cmd;
  readonly serveCmd: Cmd;
  /** Directory of the Tiltfile that declared it (ignore= patterns are relative to it). */
  readonly threadDir: string;
  /** Absolute paths whose changes trigger an update. */
  readonly deps: readonly string[];
  /** undefined: the trigger_mode() default. */
  readonly triggerMode: TriggerMode | undefined;
  readonly autoInit: boolean;
  readonly resourceDeps: readonly string[];
  readonly ignores: readonly string[];
  readonly allowParallel: boolean;
  readonly links: readonly ResourceLink[];
  readonly labels: Readonly<Record<string, string>>;
  readonly readinessProbe: Probe | undefined;
  /** test(): shown as a test in the UI. */
  readonly isTest: boolean;
}

export interface LocalState {
  readonly resources: LocalResource[];
  readonly byName: Map<string, LocalResource>;
}

export function newLocalState(): LocalState {
  return { resources: [], byName: new Map() };
}
