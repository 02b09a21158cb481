/**
 * The editor's lint worker: a `worker_threads` script that lints texts the host thread
 * should not (see budget.ts). It loads tree-sitter and the grammars from the same
 * `dist/grammars` folder the extension uses, one language at a time as jobs need them.
 * No `vscode` here: the worker has no extension API.
 *
 * Bundled on its own as dist/lintWorker.js (scripts/build.mjs); in the transpiled test tree
 * it is this module's own file. Either way it sits beside the code that starts it.
 */
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { LintEngine } from '../../core/lint/engine';
import { ModuleIndex } from '../../core/lint/project/moduleIndex';
import { readIfExists } from '../../core/files/readIfExists';
import {
  MAX_WORKER_FINDINGS,
  type WorkerEvents,
  type WorkerFactory,
  type WorkerPort,
  type WorkerRequest,
  type WorkerResponse,
} from './budget';

interface WorkerInit {
  headroomEditorLintWorker: true;
  grammarDir: string;
}

function isWorkerInit(data: unknown): data is WorkerInit {
  return !!data && typeof data === 'object' && (data as WorkerInit).headroomEditorLintWorker === true;
}

// Worker side: one engine, jobs answered in order.
if (!isMainThread && parentPort && isWorkerInit(workerData)) {
  const port = parentPort;
  const engine = LintEngine.create(workerData.grammarDir, { languages: [] });
  /** The project modules of each workspace folder, read from the disk (no editor text here). */
  const indexes = new Map<string, ModuleIndex>();
  port.on('message', (request: WorkerRequest) => {
    void (async (): Promise<WorkerResponse> => {
      const e = await engine;
      await e.load(request.language);
      const ruleErrors: string[] = [];
      const started = performance.now();
      const project = request.project;
      let index = project ? indexes.get(project.root) : undefined;
      if (project && !index) {
        index = new ModuleIndex({ root: project.root, read: readIfExists }, (t, l, p) =>
          e.summarize(t, l, p),
        );
        indexes.set(project.root, index);
      }
      // (files may have come or gone since the last job: imports are resolved afresh)
      index?.invalidate();
      const findings = e.lint(request.text, request.language, {
        rules: request.rules,
        path: request.path,
        retriesDisabledInTests: request.retriesDisabledInTests,
        ...(project && index && { modules: index.forFile(project.file, request.language === 'python') }),
        onRuleError: (rule, err) =>
          ruleErrors.push(`Rule ${rule} failed: ${err instanceof Error ? err.message : String(err)}`),
        onError: (err) => ruleErrors.push(err instanceof Error ? err.message : String(err)),
      });
      return {
        id: request.id,
        findings: findings.slice(0, MAX_WORKER_FINDINGS),
        total: findings.length,
        ms: performance.now() - started,
        ruleErrors,
      };
    })()
      .catch((err: unknown): WorkerResponse => ({
        id: request.id,
        error: err instanceof Error ? err.message : String(err),
      }))
      .then((response) => port.postMessage(response));
  });
}

/** The worker script: dist/lintWorker.js beside the extension bundle, or this file in tests. */
export const LINT_WORKER_SCRIPT = path.join(__dirname, 'lintWorker.js');

/** A factory of real worker threads running `script` with grammars from `grammarDir`. */
export function workerThreadFactory(grammarDir: string, script = LINT_WORKER_SCRIPT): WorkerFactory {
  return (events: WorkerEvents): WorkerPort => {
    const worker = new Worker(script, {
      workerData: { headroomEditorLintWorker: true, grammarDir } satisfies WorkerInit,
    });
    let ended = false;
    const fail = (error: string): void => {
      if (ended) return;
      ended = true;
      events.onFailure(error);
    };
    worker.on('message', (response: WorkerResponse) => {
      worker.unref();
      events.onResponse(response);
    });
    worker.on('error', (err) => fail(`lint worker failed: ${err.message}`));
    worker.on('exit', (code) => fail(`lint worker exited (code ${code})`));
    // An idle worker must not keep a process (unit tests, the bench) alive; a busy one does.
    worker.unref();
    return {
      post: (request) => {
        worker.ref();
        worker.postMessage(request);
      },
      terminate: () => {
        ended = true;
        void worker.terminate();
      },
    };
  };
}
