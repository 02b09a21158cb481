// Stryker's build command (stryker.config.mjs). Stryker links node_modules into its sandbox only
// after the build command has run, but the build copies the grammars out of node_modules, so
// link the project's node_modules into the sandbox first, then run the ordinary test build.
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

const sandbox = process.cwd();
if (!existsSync(join(sandbox, 'node_modules'))) {
  let dir = dirname(sandbox);
  while (!existsSync(join(dir, 'node_modules'))) {
    if (dirname(dir) === dir) throw new Error(`no node_modules above ${sandbox}`);
    dir = dirname(dir);
  }
  symlinkSync(join(dir, 'node_modules'), join(sandbox, 'node_modules'), 'junction');
}
execFileSync(process.execPath, [join(sandbox, 'scripts/build.mjs'), '--tests'], { stdio: 'inherit' });
