import path from 'node:path';

/**
 * The `--edge` / `--ingress` values: comma-separated or repeated, each entry a path or glob,
 * optionally prefixed by the host that wrote it (`ingress-node-2=/logs/n2/access.log`, the form
 * DuckdbConfig documents). Relative paths are resolved against the directory the user ran the
 * command in: npm runs scripts from the package root, so a path must not stay relative.
 */

/** A host name: letters, digits, dots, dashes and underscores, no slash (so `a=b/c.log` stays a path when `a` has none). */
const HOST_PREFIX = /^([A-Za-z0-9][A-Za-z0-9._-]*)=(.+)$/;
const GLOB_CHARACTERS = /[*?[{]/;

export type FileEntry = { host: string | null; filePath: string };

/** Splits repeated and comma-separated option values into entries, dropping empty ones. */
export function splitFileOptions(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(',')).map((entry) => entry.trim()).filter(Boolean);
}

/** `host=path` or `path`. */
export function toFileEntry(text: string): FileEntry {
  const match = HOST_PREFIX.exec(text);
  return match ? { host: match[1]!, filePath: match[2]! } : { host: null, filePath: text };
}

/** The entry as the configuration reads it, with its path made absolute against `baseDir`. */
export function resolveFileEntry(text: string, baseDir: string): string {
  const entry = toFileEntry(text);
  const resolved = path.resolve(baseDir, entry.filePath);
  return entry.host === null ? resolved : `${entry.host}=${resolved}`;
}

/** Whether the path is a glob: such a path is checked by the store (which names it), not by existence. */
export function isGlob(filePath: string): boolean {
  return GLOB_CHARACTERS.test(filePath);
}

/**
 * The entry as a command run from `rootDir` reads it (`npm run demo` runs from the repository's
 * root): relative to it when inside it, absolute otherwise.
 */
export function toRootRelativeEntry(text: string, rootDir: string): string {
  const entry = toFileEntry(text);
  const relative = path.relative(rootDir, entry.filePath);
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : entry.filePath;
  return entry.host === null ? shown : `${entry.host}=${shown}`;
}
