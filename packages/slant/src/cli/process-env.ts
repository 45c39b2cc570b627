// The process environment as a plain record (the unset variables left out), as the commands
// that start or configure processes take it.
export function processEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}
