/**
 * The results file every mocha tier leaves for the runner (scripts/test.mjs): written once,
 * when the run has ended, so a run that dies first (`process.exit`, a crash, a file that
 * fails to load) leaves no file and the runner fails the tier. The runner reads counts
 * from this file only, never from console text; scripts/lib/tiers.mjs validates the shape.
 */
import { renameSync, writeFileSync } from 'node:fs';

export const RESULTS_FORMAT = 'headroom-test-results';

export interface TestResults {
  format: typeof RESULTS_FORMAT;
  version: 1;
  /** Tests the run meant to run (after any grep), counted when it started. */
  planned: number;
  /** The pattern the run was narrowed by ('' when it ran everything). */
  grep: string;
  passes: string[];
  failures: { title: string; error: string }[];
  pending: string[];
}

/** Writes the file whole or not at all (a reader never sees half of it). */
export function writeResults(file: string, results: Omit<TestResults, 'format' | 'version'>): void {
  const full: TestResults = { format: RESULTS_FORMAT, version: 1, ...results };
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(full, null, 1) + '\n');
  renameSync(temp, file);
}
