// `npm run package:cli`: builds the CLI as its own npm package, @headroom-dev/cli, from the
// same sources and esbuild options as the extension, and packs it with `npm pack`.
// The package holds the bundled CLI (no runtime dependencies), the four tree-sitter
// grammars, its README (docs/cli.md) and the licence. Prints the tarball's size and files.
//   node scripts/package-cli.mjs [--out DIR]   (default DIR: the repository root)
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { cliEntry, copyGrammars, esbuildCommon, pkg, root } from './buildConfig.mjs';

const CLI_PACKAGE = '@headroom-dev/cli';

const outFlag = process.argv.indexOf('--out');
const outDir = resolve(outFlag > 0 ? process.argv[outFlag + 1] : root);

const stage = mkdtempSync(join(tmpdir(), 'headroom-cli-'));
try {
  await esbuild.build({ ...esbuildCommon({ production: true }), ...cliEntry(join(stage, 'dist/cli.js')) });
  copyGrammars(join(stage, 'dist/grammars'));
  cpSync(join(root, 'docs/cli.md'), join(stage, 'README.md'));
  cpSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  const manifest = {
    name: CLI_PACKAGE,
    version: pkg.version,
    description:
      'Headroom CLI: lint JS, TS, Python and notebooks for Claude API code that will draw 429s, and watch rate-limit headroom through a local proxy.',
    license: pkg.license,
    repository: pkg.repository,
    bugs: pkg.bugs,
    homepage: pkg.homepage,
    keywords: pkg.keywords,
    bin: { headroom: 'dist/cli.js' },
    files: ['dist/'],
    engines: { node: pkg.engines.node },
  };
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  const [packed] = JSON.parse(
    execFileSync(npm[0], [...npm[1], 'pack', '--json', '--pack-destination', outDir], {
      cwd: stage,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const tarball = join(outDir, packed.filename);
  const kib = (statSync(tarball).size / 1024).toFixed(1);
  console.log(
    `${relative(process.cwd(), tarball) || tarball}: ${kib} KiB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${packed.files.length} files`,
  );
  for (const f of packed.files) console.log(`  ${f.path}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
