/**
 * Preloaded (`node --require`) into the whole processes the `real` bench section times:
 * at exit, writes the process's CPU time in ms (all its threads) to HEADROOM_BENCH_CPU_FILE.
 */
import * as fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.HEADROOM_BENCH_CPU_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    const used = process.cpuUsage();
    fs.writeFileSync(file, String((used.user + used.system) / 1000));
  });
}
