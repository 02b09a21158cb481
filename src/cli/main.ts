import { isMainThread } from 'node:worker_threads';
import { runCli } from './cli';

// The bundle is also the lint workers' script (see worker.ts): only the main thread runs the CLI.
if (isMainThread) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`headroom: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
