// The values live_update step builtins return (Tilt's live_update.go step types): their type
// names, str() and truth are Tilt's; each remembers where it was created, so unused steps can
// be reported.
import { StarObject, Tuple } from '@slant/starlark';
import { type Cmd, cmdString } from '../cmd.ts';
import { goQuote, toStarString } from '../text.ts';

/** The common shape of the five step values. */
export abstract class LiveUpdateStep extends StarObject {
  /** Position of the call that created the step, `file:line:col`. */
  readonly pos: string;
  constructor(pos: string) {
    super();
    this.pos = pos;
  }
  /** Go's String(), decoded. */
  abstract text(): string;
  override repr(out: string[]): void {
    out.push(toStarString(this.text()));
  }
}

export class InitialSyncStep extends LiveUpdateStep {
  get type(): string {
    return 'live_update_initial_sync_step';
  }
  text(): string {
    return 'initial_sync step';
  }
  override hash(): number {
    return 0;
  }
}

export class FallBackOnStep extends LiveUpdateStep {
  readonly files: readonly string[];
  constructor(pos: string, files: readonly string[]) {
    super(pos);
    this.files = files;
  }
  get type(): string {
    return 'live_update_fall_back_on_step';
  }
  // Tilt's text has a stray quote at the end; kept so messages match.
  text(): string {
    return `fall_back_on step: [${this.files.join(' ')}]'`;
  }
  override truth(): boolean {
    return this.files.length > 0;
  }
  override hash(): number {
    return new Tuple(this.files.map(toStarString)).hash();
  }
}

export class SyncStep extends LiveUpdateStep {
  readonly localPath: string;
  readonly remotePath: string;
  constructor(pos: string, localPath: string, remotePath: string) {
    super(pos);
    this.localPath = localPath;
    this.remotePath = remotePath;
  }
  get type(): string {
    return 'live_update_sync_step';
  }
  text(): string {
    return `sync step: '${this.localPath}'->'${this.remotePath}'`;
  }
  override truth(): boolean {
    return this.localPath.length > 0 || this.remotePath.length > 0;
  }
  override hash(): number {
    return new Tuple([toStarString(this.localPath), toStarString(this.remotePath)]).hash();
  }
}

export class RunStep extends LiveUpdateStep {
  readonly command: Cmd;
  readonly triggers: readonly string[];
  readonly echoOff: boolean;
  constructor(pos: string, command: Cmd, triggers: readonly string[], echoOff: boolean) {
    super(pos);
    this.command = command;
    this.triggers = triggers;
    this.echoOff = echoOff;
  }
  get type(): string {
    return 'live_update_run_step';
  }
  text(): string {
    const s = `run step: ${goQuote(cmdString(this.command))}`;
    return this.triggers.length > 0 ? `${s} (triggers: ${this.triggers.join('; ')})` : s;
  }
  override truth(): boolean {
    return this.command.argv.length > 0;
  }
  override hash(): number {
    return new Tuple([cmdString(this.command), ...this.triggers].map(toStarString)).hash();
  }
}

export class RestartContainerStep extends LiveUpdateStep {
  get type(): string {
    return 'live_update_restart_container_step';
  }
  text(): string {
    return 'restart_container step';
  }
  override hash(): number {
    return 0;
  }
}
