import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';

export type { Edit, Language, Node, Parser, Point, Tree } from '@vscode/tree-sitter-wasm';

/** The grammars Headroom ships (see scripts/build.mjs). */
export type GrammarName = 'javascript' | 'typescript' | 'tsx' | 'python';

/** The file a grammar is loaded from, inside the grammar directory. */
export function grammarFile(grammar: GrammarName): string {
  return `tree-sitter-${grammar}.wasm`;
}

type Runtime = typeof TreeSitter;

// One runtime per process: the wasm module is a singleton inside web-tree-sitter, so
// `Parser.init` must run once. The first grammar directory wins for the runtime itself.
let runtimePromise: Promise<Runtime> | undefined;
const languagePromises = new Map<string, Promise<TreeSitter.Language>>();

/**
 * Loads the web-tree-sitter runtime (once per process). The runtime's own wasm
 * (`tree-sitter.wasm`) is looked up in `grammarDir`, never next to the bundle, so the
 * extension, the CLI and the tests each say where their copy lives.
 */
export function loadRuntime(grammarDir: string): Promise<Runtime> {
  if (!runtimePromise) {
    runtimePromise = (async () => {
      // Imported lazily so that merely loading the extension does not evaluate the runtime.
      const mod = (await import('@vscode/tree-sitter-wasm')) as Runtime & { default?: Runtime };
      const runtime: Runtime = mod.Parser ? mod : (mod.default as Runtime);
      await runtime.Parser.init({ locateFile: (file: string) => path.join(grammarDir, file) });
      return runtime;
    })();
    runtimePromise.catch(() => {
      // Let a later call try again (for example after a wrong grammarDir).
      runtimePromise = undefined;
    });
  }
  return runtimePromise;
}

/** Loads one grammar (once per process and file). */
export function loadGrammar(grammarDir: string, grammar: GrammarName): Promise<TreeSitter.Language> {
  const file = path.resolve(grammarDir, grammarFile(grammar));
  let promise = languagePromises.get(file);
  if (!promise) {
    promise = (async () => {
      const runtime = await loadRuntime(grammarDir);
      const bytes = await readFile(file);
      return runtime.Language.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    })();
    languagePromises.set(file, promise);
    promise.catch(() => languagePromises.delete(file));
  }
  return promise;
}

/** Creates a parser; the runtime must have been loaded. */
export async function createParser(
  grammarDir: string,
  language: TreeSitter.Language,
): Promise<TreeSitter.Parser> {
  const runtime = await loadRuntime(grammarDir);
  const parser = new runtime.Parser();
  parser.setLanguage(language);
  return parser;
}
