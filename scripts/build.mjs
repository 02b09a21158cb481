// Builds the extension and the CLI with esbuild, and (with --tests) transpiles the
// test tree to out/ so mocha can run it in plain Node or inside the extension host.
// Type checking is a separate step (`npm run check-types`), as esbuild does not check types.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cliEntry, copyGrammars, esbuildCommon, root } from './buildConfig.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

/** The dashboard's style sheets: uPlot's own and ours, next to the bundled script. */
function copyDashboardStyles(outDir) {
  mkdirSync(outDir, { recursive: true });
  cpSync(join(root, 'node_modules/uplot/dist/uPlot.min.css'), join(outDir, 'uPlot.min.css'));
  cpSync(join(root, 'media/dashboard/dashboard.css'), join(outDir, 'dashboard.css'));
}

/** Reports build results in the shape VS Code's esbuild problem matcher expects. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = esbuildCommon({ production, plugins: watch ? [problemMatcherPlugin] : [] });

const entries = [
  { entryPoints: [join(root, 'src/extension.ts')], outfile: join(root, 'dist/extension.js') },
  // The editor's lint worker (a worker_threads script): beside extension.js, which starts it.
  { entryPoints: [join(root, 'src/features/lint/lintWorker.ts')], outfile: join(root, 'dist/lintWorker.js') },
  cliEntry(join(root, 'dist/cli.js')),
  {
    // The dashboard webview's script: a browser bundle (uPlot included, no CDN), beside its CSS.
    entryPoints: [join(root, 'media/dashboard/main.ts')],
    outfile: join(root, 'dist/dashboard/main.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    external: [],
  },
];

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures') walk(p, out);
    } else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) {
      out.push(p);
    }
  }
  return out;
}

async function main() {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  copyGrammars(join(root, 'dist/grammars'));
  copyDashboardStyles(join(root, 'dist/dashboard'));
  const contexts = [];
  for (const entry of entries) {
    const options = { ...common, ...entry };
    if (watch) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
      contexts.push(ctx);
    } else {
      await esbuild.build(options);
    }
  }
  if (tests) {
    // Transpile (not bundle) src and test so each test file maps to one module and the
    // integration tests share the `vscode` module that the extension host provides.
    rmSync(join(root, 'out'), { recursive: true, force: true });
    const files = [...walk(join(root, 'src')), ...walk(join(root, 'test'))];
    await esbuild.build({
      entryPoints: files,
      outdir: join(root, 'out'),
      outbase: root,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'warning',
    });
    copyGrammars(join(root, 'out/grammars'));
    // The benchmarks also as one bundle beside the transpiled modules (same `__dirname`): it
    // times the engine in the shape the editor and the CLI run it (dist/ is bundled), without
    // the transpiled tree's per-module export getters on every cross-module call.
    await esbuild.build({
      ...common,
      entryPoints: [join(root, 'test/bench/bench.ts')],
      outfile: join(root, 'out/test/bench/bench.bundle.js'),
      packages: 'external',
    });
    console.log(
      `transpiled ${files.length} files to ${relative(process.cwd(), join(root, 'out')) || 'out'}/`,
    );
  }
  if (!watch) console.log(`built dist/ (${production ? 'production' : 'development'})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
