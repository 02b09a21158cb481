import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type Finding,
  languageForNotebook,
  languageForPath,
  type LintEngine,
  type LintLanguage,
  type RuleId,
  type RuleSetting,
  type Severity,
} from '../core/lint';
import { isDotenvPath, lintDotenv } from '../core/rules/hardcoded-api-key/dotenv';
import type { SourceFile } from './files';
import { ModuleIndex, type ModuleLookup } from '../core/lint/project/moduleIndex';
import { readIfExists } from '../core/files/readIfExists';

/** One finding as the CLI reports it (the JSON shape, in key order). */
export interface CliFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: RuleId;
  severity: Severity;
  message: string;
  /** Notebooks only: 0-based index of the cell in the notebook's `cells` array. */
  cell?: number;
  /** Set when the finding is in test code (a test file or a test block). */
  testCode?: true;
}

/** The outcome of linting one file. */
export interface FileResult {
  display: string;
  findings: CliFinding[];
  /** Notices for stderr (for example a notebook in an unsupported language). */
  notices: string[];
  /** Set when the file could not be read or parsed as a notebook (an I/O error). */
  error?: string;
}

/** Lints one file (source or notebook) with grammars loaded on demand. Never throws. */
export async function lintFile(
  engine: LintEngine,
  file: Pick<SourceFile, 'path' | 'display' | 'rel'>,
  rules: Partial<Record<RuleId, RuleSetting>>,
  retriesDisabledInTests = false,
): Promise<FileResult> {
  const result: FileResult = { display: file.display, findings: [], notices: [] };
  let text: string;
  try {
    text = fs.readFileSync(file.path, 'utf8');
  } catch (err) {
    result.error = `${file.display}: ${err instanceof Error ? err.message : String(err)}`;
    return result;
  }
  const onRuleError = (rule: RuleId, err: unknown): void => {
    result.notices.push(
      `${file.display}: internal error in rule ${rule}: ${err instanceof Error ? err.message : String(err)}`,
    );
  };
  // The test-code classification reads the project-relative path (a `test/` above the project does not count).
  const base = { rules, onRuleError, path: file.rel ?? file.display, retriesDisabledInTests };
  // Imports of the project's own modules are read from the project (cross-file facts).
  const options = (python: boolean): typeof base & { modules?: ModuleLookup } => {
    const modules = file.rel ? projectModules(engine, file.path, file.rel, python) : undefined;
    return modules ? { ...base, modules } : base;
  };
  try {
    if (isDotenvPath(file.path)) {
      result.findings = lintDotenv(text, base).map((f) => toCli(file.display, f));
      return result;
    }
    if (file.path.toLowerCase().endsWith('.ipynb')) {
      const notebook = readNotebook(text);
      if (typeof notebook === 'string') {
        result.notices.push(`${file.display}: ${notebook}, skipped`);
        return result;
      }
      await engine.load(notebook.language);
      const findings = engine.lintNotebook(
        notebook.cells.map((c) => ({ text: c.text, language: notebook.language })),
        options(notebook.language === 'python'),
      );
      result.findings = findings.map((f) => toCli(file.display, f, notebook.cells[f.cell ?? 0]?.index));
      return result;
    }
    const language = languageForPath(file.path);
    if (!language) {
      result.notices.push(`${file.display}: not a supported file type, skipped`);
      return result;
    }
    await engine.load(language);
    result.findings = engine
      .lint(text, language, options(language === 'python'))
      .map((f) => toCli(file.display, f));
  } catch (err) {
    result.error = `${file.display}: ${err instanceof Error ? err.message : String(err)}`;
  }
  return result;
}

/** The module index of each project root, per engine (a process lints with one or a few). */
const moduleIndexes = new WeakMap<LintEngine, Map<string, ModuleIndex>>();

/**
 * What `file` imports from its project, read from disk: the project root is where `rel` (its
 * project-relative path) starts, so nothing outside the repository or the scan root is read.
 */
function projectModules(engine: LintEngine, abs: string, rel: string, python: boolean): ModuleLookup {
  let root = abs;
  for (let i = rel.split('/').length; i > 0; i--) {
    root = path.dirname(root);
  }
  let byRoot = moduleIndexes.get(engine);
  if (!byRoot) {
    byRoot = new Map();
    moduleIndexes.set(engine, byRoot);
  }
  let index = byRoot.get(root);
  if (!index) {
    // (files do not change during a run: each is read once, a missing one looked for once)
    const read = new Map<string, string | undefined>();
    // (a folder's listing read once: most candidates an import is tried as are not there)
    const listed = new Map<string, Set<string>>();
    const host = {
      root,
      read: (file: string): string | undefined => {
        if (!read.has(file)) {
          read.set(file, readIfExists(file));
        }
        return read.get(file);
      },
      exists: (file: string): boolean => {
        const dir = path.dirname(file);
        let names = listed.get(dir);
        if (!names) {
          names = new Set(listNames(dir));
          listed.set(dir, names);
        }
        return names.has(path.basename(file));
      },
    };
    index = new ModuleIndex(host, (t, l, p) => engine.summarize(t, l, p));
    byRoot.set(root, index);
  }
  return index.forFile(abs, python);
}

/** The names in a folder, none when it cannot be read. */
function listNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function toCli(display: string, f: Finding, cell?: number): CliFinding {
  const out: CliFinding = {
    file: display,
    // The CLI's edge: lines and columns count from 1 in every output format.
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
  };
  if (cell !== undefined) {
    out.cell = cell;
  }
  if (f.testCode) {
    out.testCode = true;
  }
  return out;
}

/** The code cells of a notebook, with their index in the `cells` array. */
export interface NotebookSource {
  language: LintLanguage;
  cells: Array<{ index: number; text: string }>;
}

/** Reads an .ipynb (nbformat 4): its kernel language and code cells; a string explains a failure. */
export function readNotebook(json: string): NotebookSource | string {
  let nb: unknown;
  try {
    nb = JSON.parse(json);
  } catch {
    return 'not valid notebook JSON';
  }
  if (!nb || typeof nb !== 'object' || !Array.isArray((nb as { cells?: unknown }).cells)) {
    return 'not a notebook (no cells)';
  }
  const doc = nb as {
    cells: Array<{ cell_type?: unknown; source?: unknown }>;
    metadata?: { language_info?: { name?: unknown }; kernelspec?: { language?: unknown } };
  };
  const kernel = doc.metadata?.language_info?.name ?? doc.metadata?.kernelspec?.language;
  const language = languageForNotebook(typeof kernel === 'string' ? kernel : undefined);
  if (!language) {
    return `notebook language "${String(kernel)}" is not supported`;
  }
  const cells: NotebookSource['cells'] = [];
  doc.cells.forEach((cell, index) => {
    if (cell?.cell_type !== 'code') {
      return;
    }
    const source = Array.isArray(cell.source)
      ? cell.source.join('')
      : typeof cell.source === 'string'
        ? cell.source
        : '';
    cells.push({ index, text: source });
  });
  return { language, cells };
}
