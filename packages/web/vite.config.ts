// Builds the web app into dist/, which `slant up` serves. No React plugin: the app needs no fast
// refresh, and Vite's own transform handles TSX with the automatic JSX runtime.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
});
