// Nothing Slant starts may outlive it, even when Slant is killed with SIGKILL and gets no
// chance to stop its process groups. A tiny shell, in its own session, holds a pipe from Slant
// and the list of live groups; when the pipe closes (Slant exited, however it died) it sends the
// groups SIGTERM and, a second later, SIGKILL. A shell, not a second Node, to cost ~1 MB.
import { type ChildProcess, spawn } from 'node:child_process';

/** Told about every process group the runner starts and sees end. */
export interface ProcessGroupReaper {
  track(pgid: number): void;
  untrack(pgid: number): void;
}

// `+ N` adds group N, `- N` removes it; end of input kills what is left.
const SCRIPT = `trap '' HUP INT TERM
groups=""
while read -r op id; do
  case "$op" in
    +) groups="$groups $id" ;;
    -) kept=""; for g in $groups; do [ "$g" = "$id" ] || kept="$kept $g"; done; groups=$kept ;;
  esac
done
[ -z "$groups" ] && exit 0
for g in $groups; do kill -TERM -"$g" 2>/dev/null; done
sleep 1
for g in $groups; do kill -KILL -"$g" 2>/dev/null; done
exit 0`;

export class ShellReaper implements ProcessGroupReaper {
  private child: ChildProcess | undefined;

  track(pgid: number): void {
    this.send(`+ ${pgid}\n`);
  }

  untrack(pgid: number): void {
    this.send(`- ${pgid}\n`);
  }

  /** Ends the watch now, as Slant's death would: the groups still tracked are killed. */
  close(): void {
    this.child?.stdin?.end();
  }

  private send(line: string): void {
    if (this.child === undefined) {
      const child = spawn('/bin/sh', ['-c', SCRIPT], {
        detached: true,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      // Neither the reaper nor its pipe may keep Slant running.
      child.unref();
      (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
      child.stdin?.on('error', () => {});
      this.child = child;
    }
    this.child.stdin?.write(line);
  }
}
