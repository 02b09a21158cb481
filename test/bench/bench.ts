/**
 * `npm run bench`: prints the benchmark figures of each section from one run on this
 * machine. Benchmarks print medians and ratios and mark targets; they never fail the run.
 * `npm run bench -- lint fix` runs the named sections only. `--real DIR` adds the `real`
 * section (real files, side by side with Ruff and oxlint; see real.ts) after the synthetic
 * ones, which always run unless sections are named; `--csv FILE` writes its per-file figures.
 */
import { fixBench } from './fix';
import { hostileBench } from './hostile';
import { lintBench } from './lint';
import { proxyBench, serveChild } from './proxy';
import { runRealBench } from './real';

/** One part of the benchmark run. */
export interface BenchSection {
  name: string;
  run(log: (line: string) => void): Promise<void>;
}

const sections: BenchSection[] = [lintBench, fixBench, hostileBench, proxyBench];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--serve' && args[1] !== undefined) {
    // The proxy section's server child, forked from this bundle (see proxy.ts).
    return serveChild(args[1], args[2]);
  }
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    if (at === -1) return undefined;
    const value = args[at + 1];
    if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
    args.splice(at, 2);
    return value;
  };
  const realDir = option('--real');
  const csv = option('--csv');
  const only = args;
  const all: BenchSection[] = realDir
    ? [...sections, { name: 'real', run: (log) => runRealBench(realDir, log, csv) }]
    : sections;
  console.log(
    __filename.endsWith('.bundle.js')
      ? 'engine: bundled, as the editor and the CLI run it (npm run bench)'
      : 'engine: the transpiled test tree (one module per file: cross-module calls go through export getters)',
  );
  for (const section of all) {
    if (only.length > 0 && !only.includes(section.name) && section.name !== 'real') {
      continue;
    }
    console.log(`\n== ${section.name} ==`);
    const started = Date.now();
    await section.run((line) => console.log(line));
    console.log(`(${section.name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
