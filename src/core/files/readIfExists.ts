import { readFileSync } from 'node:fs';

/** A file's text, or undefined when it does not exist or cannot be read. */
export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
