// The Slant version `slant version` and `slant doctor` print; a test keeps it equal to
// packages/slant/package.json.
export const SLANT_VERSION = '0.1.0';
