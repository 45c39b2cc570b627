import { fileURLToPath } from 'node:url';

/**
 * The built web app. This file runs from packages/slant/src or, bundled, from packages/slant/dist:
 * both one level under the package.
 */
export const WEB_ASSETS = fileURLToPath(new URL('../../web/dist/', import.meta.url));
