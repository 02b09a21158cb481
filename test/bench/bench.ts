/**
 * `npm run bench`: prints the benchmark figures of each section from one run on this
 * machine. Benchmarks print medians and ratios and mark targets; they never fail the run.
 */
import { fixBench } from './fix';
import { hostileBench } from './hostile';
import { lintBench } from './lint';
import { proxyBench } from './proxy';

/** One part of the benchmark run. */
export interface BenchSection {
  name: string;
  run(log: (line: string) => void): Promise<void>;
}

const sections: BenchSection[] = [lintBench, fixBench, hostileBench, proxyBench];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const section of sections) {
    if (only.length > 0 && !only.includes(section.name)) {
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
