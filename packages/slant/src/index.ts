// The public entry of the slant package; the CLI imports only this file.
export {};
