// local(): runs a host command while the Tiltfile executes and returns its stdout as a Blob
// (Tilt's files.go local). A string is a shell script, a list an argv; a failure stops the
// Tiltfile with the command's exit status.
import { conv, unpackArgs } from '@slant/starlark';
import { cmdContext, cmdString, valueGroupToCmd } from '../cmd.ts';
import { execLocalCmd } from '../local-exec.ts';
import type { TiltBuiltin } from '../registry.ts';
import { isK8sContextAllowed, unsafeBuiltinMessage } from '../context-safety.ts';
import { starError, toStarString } from '../text.ts';
import { Blob, stringable } from '../value.ts';
import { stringStringMapConv } from './build-values.ts';

export const localBuiltins: readonly TiltBuiltin[] = [
  {
    name: 'local',
    fn: (run, thread, args, kwargs) => {
      // potentiallyK8sUnsafeBuiltin: a command may talk to the cluster; checked before the
      // arguments, as Tilt's wrapper does.
      if (!isK8sContextAllowed(run.host.kube, run.state.k8s.allowedContexts)) {
        throw starError(unsafeBuiltinMessage('local', run.host.kube.context));
      }
      const [command, quiet, commandBat, echoOff, env, dir, stdin] = unpackArgs(
        'local',
        args,
        kwargs,
        ['command', conv.value],
        ['quiet?', conv.bool],
        ['command_bat', conv.value],
        ['echo_off', conv.bool],
        ['env', stringStringMapConv],
        ['dir?', conv.value],
        ['stdin?', stringable],
      );
      const cmd = valueGroupToCmd(cmdContext(run, thread), command, commandBat, dir, env);
      const out = execLocalCmd(run, cmd, {
        logOutput: quiet !== true,
        logCommand: echoOff !== true,
        logCommandPrefix: 'local:',
        ...(stdin === undefined ? {} : { stdin }),
      });
      return new Blob(out, toStarString(`local: ${cmdString(cmd)}`));
    },
  },
];
