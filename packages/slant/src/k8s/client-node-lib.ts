// The parts of @kubernetes/client-node that Slant uses, imported from their own modules. The
// package index re-exports the generated API (thousands of model classes and their serializer):
// loading it costs about 50 MB of memory, and Slant talks raw JSON (client-node-http.ts). The
// CLI bundle also drops what these modules don't reach (scripts/build-cli.ts).
export { KubeConfig } from '@kubernetes/client-node/dist/config.js';
export { Exec } from '@kubernetes/client-node/dist/exec.js';
export { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js';
