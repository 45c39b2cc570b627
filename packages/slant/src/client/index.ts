// What the client commands (get, logs, trigger, …) use: a light part of the package that talks
// to a running session over HTTP and never loads the engine.
export {
  changeEnabledResources,
  MAIN_TILTFILE,
  setTiltfileArgs,
  tiltfileArgs,
  triggerResource,
} from './actions.ts';
export { ApiClient, ApiError } from './api-client.ts';
export { type ApiEndpoint, endpointOnHost, readApiEndpoint } from './config.ts';
export { runGet } from './get.ts';
export { createSnapshot } from './snapshot.ts';
export { parseEditResult, shellJoin } from './shellquote.ts';
export { streamLogs } from './logs.ts';
export { apiResourcesTable, dumpEngine, runDelete, runDescribe, runPatch } from './misc.ts';
export { parseOutputFormat } from './printers.ts';
export { parseWaitFor, runWait } from './wait.ts';
export { parseLogLevel, parseLogSource } from '../logs/filter.ts';
export { runApply, runCreateFromFiles } from './apply.ts';
export { runDeleteFromFiles } from './delete-files.ts';
export {
  cmdObject,
  createObject,
  extensionObject,
  extensionRepoObject,
  fileWatchObject,
} from './create.ts';
export { type EditorRunner, runEdit } from './edit.ts';
export { parseDryRun, parseWriteOutput } from './write-output.ts';
export { runShell, type ShellExecer } from './shell.ts';
export { treeView } from './tree-view.ts';
export { dumpLogStore, dumpWebview } from './webview.ts';
