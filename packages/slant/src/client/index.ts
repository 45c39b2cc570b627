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
export type { EditorRunner } from './edit.ts';
export type { ShellExecer } from './shell.ts';

// The writing commands, shell and tree view: each loaded when its command runs, so that the
// code of one command does not add to the start-up of every other.
type Apply = typeof import('./apply.ts');
type Create = typeof import('./create.ts');
type WriteOutput = typeof import('./write-output.ts');

export const runApply = async (...a: Parameters<Apply['runApply']>) =>
  (await import('./apply.ts')).runApply(...a);
export const runCreateFromFiles = async (...a: Parameters<Apply['runCreateFromFiles']>) =>
  (await import('./apply.ts')).runCreateFromFiles(...a);
export const runDeleteFromFiles = async (
  ...a: Parameters<typeof import('./delete-files.ts').runDeleteFromFiles>
) => (await import('./delete-files.ts')).runDeleteFromFiles(...a);
export const createObject = async (...a: Parameters<Create['createObject']>) =>
  (await import('./create.ts')).createObject(...a);
export const cmdObject = async (...a: Parameters<Create['cmdObject']>) =>
  (await import('./create.ts')).cmdObject(...a);
export const fileWatchObject = async (...a: Parameters<Create['fileWatchObject']>) =>
  (await import('./create.ts')).fileWatchObject(...a);
export const extensionRepoObject = async (...a: Parameters<Create['extensionRepoObject']>) =>
  (await import('./create.ts')).extensionRepoObject(...a);
export const extensionObject = async (...a: Parameters<Create['extensionObject']>) =>
  (await import('./create.ts')).extensionObject(...a);
export const runEdit = async (...a: Parameters<typeof import('./edit.ts').runEdit>) =>
  (await import('./edit.ts')).runEdit(...a);
export const parseDryRun = async (...a: Parameters<WriteOutput['parseDryRun']>) =>
  (await import('./write-output.ts')).parseDryRun(...a);
export const parseWriteOutput = async (...a: Parameters<WriteOutput['parseWriteOutput']>) =>
  (await import('./write-output.ts')).parseWriteOutput(...a);
export const runShell = async (...a: Parameters<typeof import('./shell.ts').runShell>) =>
  (await import('./shell.ts')).runShell(...a);
export const treeView = async (...a: Parameters<typeof import('./tree-view.ts').treeView>) =>
  (await import('./tree-view.ts')).treeView(...a);
export { dumpLogStore, dumpWebview } from './webview.ts';
