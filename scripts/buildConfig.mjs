// What the extension build (build.mjs) and the CLI's npm package (package-cli.mjs) share:
// the esbuild options, the CLI entry and the grammars, so both ship the same bytes.
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
export const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The only grammars we ship: the four languages Headroom lints, plus the runtime. */
const GRAMMARS = [
  'tree-sitter.wasm',
  'tree-sitter-javascript.wasm',
  'tree-sitter-typescript.wasm',
  'tree-sitter-tsx.wasm',
  'tree-sitter-python.wasm',
];

/** Copies the grammars into `outDir` (the CLI finds them in `grammars/` beside itself). */
export function copyGrammars(outDir) {
  mkdirSync(outDir, { recursive: true });
  for (const file of GRAMMARS) {
    cpSync(join(root, 'node_modules/@vscode/tree-sitter-wasm/wasm', file), join(outDir, file));
  }
}

/** esbuild options for Node bundles: CommonJS, `vscode` external, the version injected. */
export function esbuildCommon({ production, plugins = [] }) {
  return {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    sourcesContent: false,
    logLevel: 'warning',
    external: ['vscode'],
    define: { HEADROOM_VERSION: JSON.stringify(pkg.version) },
    plugins,
  };
}

/** The CLI bundle's entry, written to `outfile` as an executable script. */
export function cliEntry(outfile) {
  return { entryPoints: [join(root, 'src/cli/main.ts')], outfile, banner: { js: '#!/usr/bin/env node' } };
}
