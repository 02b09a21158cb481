/**
 * A whole-process Ruff-wasm run over a folder, the peer of `node dist/cli.js lint DIR` in the
 * `real` bench section (e): loads Ruff's WebAssembly build and checks every `.py` file under
 * DIR with its default rules, on one thread (the WebAssembly build has no threads). Prints the
 * number of diagnostics.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

async function main(): Promise<void> {
  const ruff = await import('@astral-sh/ruff-wasm-nodejs');
  const workspace = new ruff.Workspace(ruff.Workspace.defaultSettings(), ruff.PositionEncoding.Utf16);
  let count = 0;
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const child = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(child);
      } else if (entry.isFile() && entry.name.endsWith('.py')) {
        count += (workspace.check(fs.readFileSync(child, 'utf8')) as unknown[]).length;
      }
    }
  };
  walk(process.argv[2]);
  console.log(count);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
