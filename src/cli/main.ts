import { isMainThread } from 'node:worker_threads';
import { runCli } from './cli';

/**
 * Output that can no longer be written ends the run without a stack trace: a closed pipe
 * (`headroom lint | head -1`) quietly, as the reader has all it wanted; any other write
 * error (`> /dev/full`) with a message and exit status 2, as the report was lost.
 */
function guardOutput(stream: NodeJS.WriteStream, name: string): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      process.exit(process.exitCode ?? 0);
    }
    try {
      if (stream !== process.stderr) {
        process.stderr.write(`headroom: cannot write to ${name}: ${err.message}\n`);
      }
    } finally {
      process.exit(2);
    }
  });
}

// The bundle is also the lint workers' script (see worker.ts): only the main thread runs the CLI.
if (isMainThread) {
  guardOutput(process.stdout, 'standard output');
  guardOutput(process.stderr, 'standard error');
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
