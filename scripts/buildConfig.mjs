// What the extension build (build.mjs) and the CLI's npm package (package-cli.mjs) share:
// the esbuild options, the CLI entry and the grammars, so both ship the same bytes.
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
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

/** The rule pages, docs/rules/<id>.md, by id: SARIF's rule help (src/cli/ruleHelp.ts). */
function ruleDocs() {
  const dir = join(root, 'docs/rules');
  const pages = {};
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()) {
    pages[name.slice(0, -3)] = readFileSync(join(dir, name), 'utf8');
  }
  return pages;
}

/** esbuild options for Node bundles: CommonJS, `vscode` external, the version and rule pages injected. */
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
    define: {
      HEADROOM_VERSION: JSON.stringify(pkg.version),
      HEADROOM_RULE_DOCS: JSON.stringify(JSON.stringify(ruleDocs())),
    },
    plugins,
  };
}

/** The CLI bundle's entry, written to `outfile` as an executable script. */
export function cliEntry(outfile) {
  return { entryPoints: [join(root, 'src/cli/main.ts')], outfile, banner: { js: '#!/usr/bin/env node' } };
}
