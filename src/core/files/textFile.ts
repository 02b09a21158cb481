/**
 * Reading and writing the source files `headroom lint --fix` rewrites, so that nothing is
 * lost: a file is only read as text when its bytes are valid UTF-8 (so writing the text
 * back is byte-exact outside the edits), and written atomically (a temporary file beside
 * it, flushed to disk, renamed over it, keeping its mode and owner). A failed write leaves
 * the original untouched and throws a `FileWriteError` that says why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A file that cannot be read as text without changing its bytes, and why. */
export class NotTextError extends Error {}

/** A write that did not happen; the file on disk is unchanged. */
export class FileWriteError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a file whose bytes are valid UTF-8 with no NUL byte (a BOM is kept as
 * U+FEFF, so it is written back). Throws `NotTextError` for anything else: decoding it
 * would replace bytes with U+FFFD and a write would corrupt them.
 */
export function readTextFile(file: string, fsImpl: Pick<typeof fs, 'readFileSync'> = fs): string {
  const bytes = fsImpl.readFileSync(file);
  if (bytes.includes(0)) {
    throw new NotTextError('binary content (a NUL byte)');
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new NotTextError('not valid UTF-8 (another encoding?)');
  }
}

/** The file-system calls `writeTextFileAtomic` makes; injected by tests to simulate failures. */
export type WriteFs = Pick<
  typeof fs,
  | 'realpathSync'
  | 'statSync'
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'fchmodSync'
  | 'fchownSync'
  | 'closeSync'
  | 'renameSync'
  | 'unlinkSync'
>;

/**
 * Replaces the contents of an existing file with `text` (UTF-8), atomically: after a
 * crash, a full disk or any error, the file holds either its old bytes or the new ones.
 * A symbolic link is kept and its target is rewritten. Refuses a read-only file, and a
 * file with several hard links (renaming over it would split them).
 */
export function writeTextFileAtomic(file: string, text: string, fsImpl: WriteFs = fs): void {
  let target: string;
  let stat: fs.Stats;
  try {
    target = fsImpl.realpathSync(file);
    stat = fsImpl.statSync(target);
  } catch (err) {
    throw new FileWriteError(describe(err));
  }
  if ((stat.mode & 0o222) === 0) {
    throw new FileWriteError('the file is read-only');
  }
  if (stat.nlink > 1) {
    throw new FileWriteError(`the file has ${stat.nlink} hard links; not replacing it`);
  }
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.headroom-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = fsImpl.openSync(temp, 'wx', 0o600);
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length;) {
      written += fsImpl.writeSync(fd, bytes, written, bytes.length - written);
    }
    fsImpl.fsyncSync(fd);
    fsImpl.fchmodSync(fd, stat.mode & 0o7777);
    try {
      fsImpl.fchownSync(fd, stat.uid, stat.gid);
    } catch (err) {
      // Only root may give a file away; anyone else keeps their own files' owner anyway.
      if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
    }
    fsImpl.closeSync(fd);
    fd = undefined;
    fsImpl.renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fsImpl.closeSync(fd);
      } catch {
        // Already failing: the first error is the one to report.
      }
    }
    try {
      fsImpl.unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    throw new FileWriteError(describe(err));
  }
  syncDirectory(path.dirname(target));
}

/** Flushes a rename to disk where the platform allows (best effort: the data is already safe). */
function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows and some file systems cannot open or sync a directory.
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted (immutable or protected file?)',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or directory',
  EIO: 'input/output error',
};

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return (code && REASONS[code]) ?? (err instanceof Error ? err.message : String(err));
}
