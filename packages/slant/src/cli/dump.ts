// `slant dump engine|webview|logstore`: the running session's store, the web UI's view and the
// log store, as JSON, for bug reports; `slant dump image-deploy-ref REF` for custom_build scripts.
import type { Command } from 'commander';
import { dumpEngine, dumpImageDeployRef, dumpLogStore, dumpWebview } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  out,
} from './client-flags.ts';
import { processEnv } from './process-env.ts';

export function registerDumpCommand(program: Command): void {
  const dump = program
    .command('dump')
    .description('Dump internal Slant state')
    .addHelpText(
      'after',
      '\nDumps internal Slant state to stdout.\n\nIntended to help Slant developers inspect Slant when things go wrong,\nand figure out better ways to expose this info to Slant users.\n\nThe format of the dump state does not make any API or compatibility promises,\nand may change frequently.',
    );
  addConnectServerFlags(dump.command('engine'))
    .description('dump the engine state')
    .addHelpText('after', '\nExamples:\n  slant dump engine > engine.json')
    .action(
      clientAction(async (flags: ConnectFlags) => {
        out(await dumpEngine(connect(flags)));
      }),
    );
  addConnectServerFlags(dump.command('webview'))
    .description('dump the state backing the webview')
    .addHelpText(
      'after',
      '\nPrints the JSON the web UI renders from: its resources, buttons, clusters, session and logs,\nas the web server sends the whole view.\n\nExamples:\n  slant dump webview > webview.json',
    )
    .action(
      clientAction(async (flags: ConnectFlags) => {
        out(await dumpWebview(connect(flags)));
      }),
    );
  addConnectServerFlags(dump.command('logstore'))
    .description('dump the log store')
    .addHelpText(
      'after',
      "\nPrints the session's log store as JSON: its spans (the resource each belongs to) and every\nkept line, one segment each.\n\nExamples:\n  slant dump logstore > logstore.json",
    )
    .action(
      clientAction(async (flags: ConnectFlags) => {
        out(await dumpLogStore(connect(flags)));
      }),
    );
  dump
    .command('image-deploy-ref')
    .usage('REF')
    .description('Determine the name and tag with which Slant will deploy the given image')
    .argument('<ref>', 'the image a custom_build script built, usually $EXPECTED_REF')
    .addHelpText(
      'after',
      '\nReads the image and prints the name with the content-based tag Slant deploys it with.\n\nExamples:\n  slant dump image-deploy-ref $EXPECTED_REF',
    )
    .action(
      clientAction(async (ref: string) => {
        const env = processEnv();
        out(await dumpImageDeployRef(ref, env));
      }),
    );
}
