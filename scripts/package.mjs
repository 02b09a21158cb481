// Packages the production build as headroom-<version>.vsix with @vscode/vsce and prints
// its size and contents. Dependencies are bundled by esbuild, so vsce skips node_modules.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = `headroom-${version}.vsix`;
const vsce = join(root, 'node_modules/@vscode/vsce/vsce');

execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', vsix], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  // vscode:prepublish already ran as part of this script's caller; skip the duplicate.
  env: { ...process.env },
});
const listing = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], {
  cwd: root,
  encoding: 'utf8',
});
const files = listing.trim().split('\n');
const kib = (statSync(join(root, vsix)).size / 1024).toFixed(1);
console.log(`${vsix}: ${kib} KiB, ${files.length} files`);
for (const f of files) console.log(`  ${f}`);
