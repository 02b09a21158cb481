import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { LintEngine, type RuleId, type RuleSetting } from '../core/lint';
import type { SourceFile } from './files';
import { type FileResult, lintFile } from './lintFile';

/**
 * The script workers run. In the bundle this is dist/cli.js itself (main.ts only starts
 * the CLI on the main thread); in the transpiled tree it is this module.
 */
export const WORKER_SCRIPT = __filename;

interface WorkerInit {
  headroomLintWorker: true;
  grammarDir: string;
  rules: Partial<Record<RuleId, RuleSetting>>;
  retriesDisabledInTests: boolean;
}

interface Batch {
  id: number;
  files: Array<Pick<SourceFile, 'path' | 'display' | 'rel'>>;
}

interface BatchResult {
  id: number;
  results: FileResult[];
}

function isWorkerInit(data: unknown): data is WorkerInit {
  return !!data && typeof data === 'object' && (data as WorkerInit).headroomLintWorker === true;
}

// Worker side: one engine per worker, grammars loaded as languages come up.
if (!isMainThread && parentPort && isWorkerInit(workerData)) {
  const init = workerData;
  const port = parentPort;
  let engine: Promise<LintEngine> | undefined;
  port.on('message', (batch: Batch) => {
    void (async () => {
      engine ??= LintEngine.create(init.grammarDir, { languages: [] });
      const e = await engine;
      const results: FileResult[] = [];
      for (const file of batch.files) {
        results.push(await lintFile(e, file, init.rules, init.retriesDisabledInTests));
      }
      port.postMessage({ id: batch.id, results } satisfies BatchResult);
    })().catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      port.postMessage({
        id: batch.id,
        results: batch.files.map((f) => ({
          display: f.display,
          findings: [],
          notices: [],
          error: `${f.display}: ${message}`,
        })),
      } satisfies BatchResult);
    });
  });
}

/** The number of worker threads worth starting for a scan. */
export function defaultJobs(files: readonly SourceFile[]): number {
  const bytes = files.reduce((n, f) => n + f.size, 0);
  // A worker costs ~100 ms to start (runtime + grammars); below ~0.5 MB one thread is faster.
  if (files.length < 8 || bytes < 512 * 1024) {
    return 1;
  }
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 16, Math.ceil(bytes / (256 * 1024))));
}

/**
 * Lints files on `jobs` threads: `jobs - 1` workers plus this (main) thread, which would
 * otherwise sit idle. Files are handed out in small batches, largest first, so the threads
 * stay busy; results come back in any order (callers sort them).
 */
export async function lintInWorkers(
  files: readonly SourceFile[],
  jobs: number,
  grammarDir: string,
  rules: Partial<Record<RuleId, RuleSetting>>,
  script: string = WORKER_SCRIPT,
  retriesDisabledInTests = false,
): Promise<FileResult[]> {
  const queue = [...files].sort((a, b) => b.size - a.size);
  const batches: Batch[] = [];
  let current: Batch = { id: 0, files: [] };
  let bytes = 0;
  for (const file of queue) {
    current.files.push({ path: file.path, display: file.display, rel: file.rel });
    bytes += file.size;
    if (current.files.length >= 16 || bytes >= 128 * 1024) {
      batches.push(current);
      current = { id: batches.length, files: [] };
      bytes = 0;
    }
  }
  if (current.files.length > 0) {
    batches.push(current);
  }
  const results: FileResult[] = [];
  let next = 0;
  const init: WorkerInit = { headroomLintWorker: true, grammarDir, rules, retriesDisabledInTests };
  const runWorker = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const worker = new Worker(script, { workerData: init });
      // Two batches in flight per worker, so it never waits for this (also busy) thread.
      const inFlight = new Map<number, Batch>();
      const send = (): void => {
        const batch = next < batches.length ? batches[next++] : undefined;
        if (batch) {
          inFlight.set(batch.id, batch);
          worker.postMessage(batch);
        } else if (inFlight.size === 0) {
          void worker.terminate();
        }
      };
      worker.on('message', (msg: BatchResult) => {
        inFlight.delete(msg.id);
        results.push(...msg.results);
        send();
      });
      // A crashed worker: the batches in flight are reported as failed; the rest go to the others.
      const fail = (reason: string): void => {
        for (const batch of inFlight.values()) {
          for (const f of batch.files) {
            results.push({ display: f.display, findings: [], notices: [], error: `${f.display}: ${reason}` });
          }
        }
        inFlight.clear();
        resolve();
      };
      worker.on('error', (err: Error) => fail(err.message));
      worker.on('exit', (code) => fail(`lint worker exited with code ${code}`));
      send();
      send();
    });
  // This thread takes batches too; it yields between batches so worker messages are handled.
  let local: LintEngine | undefined;
  const runLocal = async (): Promise<void> => {
    local ??= await LintEngine.create(grammarDir, { languages: [] });
    while (next < batches.length) {
      const batch = batches[next++];
      for (const file of batch.files) {
        results.push(await lintFile(local, file, rules, retriesDisabledInTests));
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  const workers = Math.max(0, Math.min(jobs, batches.length) - 1);
  await Promise.all([runLocal(), ...Array.from({ length: workers }, runWorker)]);
  local?.dispose();
  return results;
}
