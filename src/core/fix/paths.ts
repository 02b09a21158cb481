/** Path steps for the manifest and config lookups, on either separator (no `node:path`: the core runs anywhere). */

/** The directory above `dir`, or undefined at the root. */
export function parentOf(dir: string, sep: string): string | undefined {
  const trimmed = dir.length > 1 && dir.endsWith(sep) ? dir.slice(0, -1) : dir;
  const i = trimmed.lastIndexOf(sep);
  if (i < 0) {
    return undefined;
  }
  const parent = i === 0 ? sep : trimmed.slice(0, i);
  return parent === trimmed ? undefined : parent;
}

/** `name` (which may contain `/`) inside `dir`. */
export function join(dir: string, name: string, sep: string): string {
  return dir.endsWith(sep) ? dir + name.split('/').join(sep) : dir + sep + name.split('/').join(sep);
}
