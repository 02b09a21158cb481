import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type CliIo, runCli } from '../../../src/cli/cli';

/** Shared by the CLI tests: run the CLI in-process with captured output, and make temp trees. */
const grammarDir = path.resolve(__dirname, '../../../grammars');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(argv: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
  };
  const code = await runCli(argv, io, { grammarDir });
  return { code, stdout, stderr };
}

/** Writes files (path -> content) under a fresh temp dir and returns it. */
export function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}
