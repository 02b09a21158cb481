/**
 * The project's modules as the files importing them see them (cross-file facts): resolves an
 * import to a file of the project (never outside its root), reads it through the host and
 * keeps its summary while its text is unchanged. One index per project root; each lint asks
 * through a `ModuleLookup` bound to the file being linted.
 */
import * as path from 'node:path';
import { languageForPath } from '../languages';
import type { LintLanguage } from '../types';
import { type ModuleHost, resolveJs, resolvePython } from './resolve';
import type { ClaudeFunction, ImportedWrapper, ModuleSummary } from './summary';
import { mentionsClaude } from '../mentions';
import { importedNames, reexportSpecifiers } from '../facts/projectImports';
import type { MadeDecorator } from '../facts/retryLibraries';

/** What a lint asks of the project about the modules its file imports. */
export interface ModuleLookup {
  /** The summary of the module an import names, if it is the project's. */
  summary(specifier: string): ModuleSummary | undefined;
  /**
   * The retry wrapper a module offers under a name (`withRetry`, `RateLimiter.withRetry`),
   * followed through the modules that pass it on (`export { withRetry } from './retry'`,
   * `export * from`, a package's `__init__.py`), at most `MAX_HOPS` modules away.
   */
  wrapper(specifier: string, name: string): ImportedWrapper | undefined;
  /**
   * Python: the retry-library decorator a module makes under a name (`anthropic_retry =
   * retry(…)`), followed as `wrapper` is, with the path of the module that makes it.
   */
  decorator(specifier: string, name: string): (MadeDecorator & { path: string }) | undefined;
  /** A function the module offers under a name that calls Claude, followed as `wrapper` is. */
  claudeFunction(specifier: string, name: string): ClaudeFunction | undefined;
  /** The length of a list a module binds to a name at its top level, written out in full (followed as `wrapper` is). */
  listLength(specifier: string, name: string): number | undefined;
  /** Whether a module's function of that name writes to a store (followed as `wrapper` is). */
  storeWriter(specifier: string, name: string): boolean;
  /**
   * Whether a file's text imports a function of the project's other modules that calls Claude (see
   * `ModuleSummary.claudeFunctions`): read from the import statements' text; only modules that
   * mention Claude (or pass names on) are parsed for it. A file that does not mention Claude itself
   * is analysed only then.
   */
  importsClaudeCode(text: string): boolean;
}

/**
 * What a file must hold for another module's Claude function to matter to it without a mention of
 * Claude of its own: a loop or a fan-out (the facts that follow those functions are about requests
 * repeated per item).
 */
const REPEATS =
  /\b(?:for|while)\b|\.(?:map|forEach|flatMap)\s*\(|\b(?:gather|submit|create_task|TaskGroup)\b|Promise\s*\.\s*all/;

/** Modules followed through re-exports, past the one imported. */
const MAX_HOPS = 4;

/** Parses a module's text and summarises it (the engine's `summarize`); undefined when it cannot. */
export type Summarize = (text: string, language: LintLanguage, path: string) => ModuleSummary | undefined;

/** Modules larger than this are not read for their summary (a generated bundle is no helper module). */
const MAX_MODULE_CHARS = 1_000_000;
/** Summaries kept, most recently used last. */
const MAX_SUMMARIES = 5_000;

export class ModuleIndex {
  private readonly summaries = new Map<string, { text: string; summary: ModuleSummary | undefined }>();
  private readonly resolved = new Map<string, string | null>();

  constructor(
    private readonly host: ModuleHost,
    private readonly summarize: Summarize,
  ) {}

  /** The project root this index reads under. */
  get root(): string {
    return this.host.root;
  }

  /**
   * A lookup for one file (absolute path) of the project, in Python or JS/TS (a notebook's
   * language is its cells'). `reads`, when given, collects the modules the lint read, so the
   * editor can lint the file again when one of them changes.
   */
  forFile(file: string, python: boolean, reads?: Set<string>): ModuleLookup {
    const summary = (
      from: string,
      specifier: string,
    ): { file: string; summary?: ModuleSummary } | undefined => {
      const target = this.resolve(from, specifier, python);
      if (!target) {
        return undefined;
      }
      reads?.add(target);
      return { file: target, summary: this.summaryOf(target) };
    };
    /**
     * What `pick` finds in the module a specifier names under a name, followed through the
     * modules that pass it on: breadth first over (module, name), as `export *` may fan out.
     */
    const follow = <T>(
      specifier: string,
      name: string,
      pick: (s: ModuleSummary, name: string, file: string) => T | undefined,
    ): T | undefined => {
      const seen = new Set<string>();
      let level = [{ from: file, specifier, name }];
      for (let hop = 0; hop <= MAX_HOPS && level.length; hop++) {
        const next: typeof level = [];
        for (const step of level) {
          const found = summary(step.from, step.specifier);
          if (!found?.summary || seen.has(`${found.file}\0${step.name}`)) {
            continue;
          }
          seen.add(`${found.file}\0${step.name}`);
          const s = found.summary;
          const direct = pick(s, step.name, found.file);
          if (direct !== undefined) {
            return direct;
          }
          // A member (`limiter.withRetry`) is passed on with its holder's name.
          const dot = step.name.indexOf('.');
          const head = dot === -1 ? step.name : step.name.slice(0, dot);
          const via = s.reexports.get(head);
          if (via) {
            next.push({
              from: found.file,
              specifier: via.specifier,
              name: via.imported + step.name.slice(head.length),
            });
          } else if (head !== 'default') {
            for (const star of s.stars) {
              next.push({ from: found.file, specifier: star, name: step.name });
            }
          }
        }
        level = next;
      }
      return undefined;
    };
    /**
     * Whether a module offers a Claude function under a name (`askClaude`, or a class's or
     * instance's method: `Writer.draft`), followed as `wrapper` is; a module whose text (and that of
     * those it passes names on from) mentions no Claude is not parsed.
     */
    const offersClaude = (specifier: string, name: string): boolean => {
      const target = this.resolve(file, specifier, python);
      const text = target ? this.host.read(target) : undefined;
      if (!target || text === undefined || text.length > MAX_MODULE_CHARS) {
        return false;
      }
      reads?.add(target);
      // (or passes names on: a JS `export … from`, a Python package's `__init__.py`)
      const near =
        mentionsClaude(text) ||
        (python ? path.basename(target) === '__init__.py' : reexportSpecifiers(text).length > 0);
      return (
        near &&
        !!follow(specifier, name, (s) =>
          [...s.claudeFunctions.keys()].some((k) => k === name || k.startsWith(`${name}.`))
            ? true
            : undefined,
        )
      );
    };
    return {
      importsClaudeCode: (text) =>
        REPEATS.test(text) &&
        [...importedNames(text, python)].some(([specifier, names]) =>
          names.some((name) => offersClaude(specifier, name)),
        ),
      summary: (specifier) => summary(file, specifier)?.summary,
      wrapper: (specifier, name) => follow(specifier, name, (s, n) => s.wrappers.get(n)),
      claudeFunction: (specifier, name) => follow(specifier, name, (s, n) => s.claudeFunctions.get(n)),
      listLength: (specifier, name) => follow(specifier, name, (s, n) => s.listLengths.get(n)),
      storeWriter: (specifier, name) =>
        !!follow(specifier, name, (s, n) => (s.storeWriters.has(n) ? true : undefined)),
      decorator: (specifier, name) =>
        follow(specifier, name, (s, n, at) => {
          const made = s.decorators.get(n);
          return made && { ...made, path: path.relative(this.host.root, at).split(path.sep).join('/') };
        }),
    };
  }

  /**
   * Forgets where imports led (files were created, deleted or renamed). Summaries stay: each is
   * checked against its module's current text when asked for.
   */
  invalidate(): void {
    this.resolved.clear();
  }

  private resolve(file: string, specifier: string, python: boolean): string | undefined {
    // (by folder: every file of a folder resolves a specifier to the same module)
    const key = `${python ? 'py' : 'js'}\0${path.dirname(file)}\0${specifier}`;
    let target = this.resolved.get(key);
    if (target === undefined) {
      target =
        (python ? resolvePython(this.host, file, specifier) : resolveJs(this.host, file, specifier)) ?? null;
      this.resolved.set(key, target);
    }
    return target ?? undefined;
  }

  private summaryOf(file: string): ModuleSummary | undefined {
    const text = this.host.read(file);
    const language = languageForPath(file);
    if (text === undefined || !language || text.length > MAX_MODULE_CHARS) {
      return undefined;
    }
    const kept = this.summaries.get(file);
    if (kept && kept.text === text) {
      this.summaries.delete(file); // (moved to the end: most recently used)
      this.summaries.set(file, kept);
      return kept.summary;
    }
    const rel = path.relative(this.host.root, file).split(path.sep).join('/');
    let summary: ModuleSummary | undefined;
    try {
      summary = this.summarize(text, language, rel);
    } catch {
      summary = undefined; // (a module that cannot be read is no wrapper: the lint goes on)
    }
    this.summaries.delete(file);
    this.summaries.set(file, { text, summary });
    if (this.summaries.size > MAX_SUMMARIES) {
      this.summaries.delete(this.summaries.keys().next().value as string);
    }
    return summary;
  }
}
