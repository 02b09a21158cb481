import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type Finding,
  languageForNotebook,
  languageForPath,
  LintEngine,
  type LintLanguage,
} from '../../../src/core/lint';
import { FileContext } from '../../../src/core/lint/context';

/** out/grammars, where the build copies the wasm files. */
export const grammarDir = path.resolve(__dirname, '../../../grammars');

/** The fixture corpus at the repository root (fixtures are not transpiled). */
export const fixturesDir = path.resolve(__dirname, '../../../../test/fixtures/lint');

let enginePromise: Promise<LintEngine> | undefined;

/** One engine shared by all unit tests (the runtime and grammars load once). */
export function getEngine(): Promise<LintEngine> {
  return (enginePromise ??= LintEngine.create(grammarDir));
}

/**
 * Runs `fn` with a FileContext over `text` for the text searches (they read the text only, so
 * any tree will do: a one-line Python one).
 */
export function withTextContext<T>(engine: LintEngine, text: string, fn: (ctx: FileContext) => T): T {
  return engine.withTree('import anthropic\n', 'python', (_, root) =>
    fn(new FileContext(text, 'python', root as NonNullable<typeof root>)),
  );
}

/** Every fixture file, relative to the corpus root, sorted. */
export function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (languageForPath(entry.name) || entry.name.endsWith('.ipynb')) {
        out.push(path.relative(fixturesDir, full));
      }
    }
  };
  walk(fixturesDir);
  return out.sort();
}

/** An expected or actual finding position for comparison. */
export interface Mark {
  cell?: number;
  line: number;
  rule: string;
}

const MARKER = /(?:\/\/|#)\s*expect(-next-line)?:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)\s*$/;

/** The expectation markers in one text (1-based lines). */
export function markers(text: string, cell?: number): Mark[] {
  const out: Mark[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) {
      return;
    }
    for (const rule of m[2].split(',').map((s) => s.trim())) {
      out.push({ cell, line: i + (m[1] ? 2 : 1), rule });
    }
  });
  return out;
}

/** A notebook's code cells: source text and language. */
export function notebookCells(json: string): Array<{ text: string; language: LintLanguage }> {
  const nb = JSON.parse(json) as {
    cells: Array<{ cell_type: string; source: string | string[] }>;
    metadata?: { kernelspec?: { language?: string }; language_info?: { name?: string } };
  };
  const language =
    languageForNotebook(nb.metadata?.language_info?.name ?? nb.metadata?.kernelspec?.language) ?? 'python';
  return nb.cells
    .filter((c) => c.cell_type === 'code')
    .map((c) => ({ text: Array.isArray(c.source) ? c.source.join('') : c.source, language }));
}

/** Lints a fixture and reads its markers. */
export async function lintFixture(
  rel: string,
): Promise<{ expected: Mark[]; actual: Finding[]; text: string }> {
  const engine = await getEngine();
  const file = path.join(fixturesDir, rel);
  const text = fs.readFileSync(file, 'utf8');
  const errors: string[] = [];
  const onRuleError = (rule: string, err: unknown): void => {
    errors.push(`${rule}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  };
  let expected: Mark[];
  let actual: Finding[];
  if (rel.endsWith('.ipynb')) {
    const cells = notebookCells(text);
    expected = cells.flatMap((c, i) => markers(c.text, i));
    actual = engine.lintNotebook(cells, { onRuleError, path: rel });
  } else {
    const language = languageForPath(rel);
    if (!language) {
      throw new Error(`no language for ${rel}`);
    }
    expected = markers(text);
    // The path relative to the corpus: test files are told apart by it (test-code/).
    actual = engine.lint(text, language, { onRuleError, path: rel });
  }
  if (errors.length) {
    throw new Error(`rule errors in ${rel}:\n${errors.join('\n')}`);
  }
  return { expected, actual, text };
}

/** Formats a mark for diffs. */
export function showMark(m: Mark): string {
  return `${m.cell === undefined ? '' : `cell ${m.cell} `}line ${m.line} ${m.rule}`;
}

/**
 * A Python module that maps a Claude call over `ThreadPoolExecutor(max_workers=workers) as
 * alias`, with `globals` after the client and the pool used as `use` (the last line).
 */
export function pythonThreadPool(o: {
  workers: string;
  alias: string;
  use: string;
  globals: string[];
}): string {
  return [
    'import anthropic',
    'from concurrent.futures import ThreadPoolExecutor',
    '',
    'client = anthropic.Anthropic()',
    ...o.globals,
    '',
    'def ask(q):',
    '    return client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[{"role": "user", "content": q}])',
    '',
    'def ask_all(qs):',
    `    with ThreadPoolExecutor(max_workers=${o.workers}) as ${o.alias}:`,
    `        return ${o.use}`,
    '',
  ].join('\n');
}
