import { runCli } from './cli';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`headroom: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
