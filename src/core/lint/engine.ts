import { LineIndex } from '../parse/lineIndex';
import { applyChange, type ContentChange } from '../parse/textEdit';
import {
  createParser,
  type GrammarName,
  loadGrammar,
  type Node,
  type Parser,
  type Tree,
} from '../parse/treeSitter';
import { FileContext } from './context';
import { grammarFor } from './languages';
import { joinCells, type NotebookCell, partAt, rebaseData } from './notebook';
import { RULE_IDS, RULES } from '../rules';
import type { RuleReport } from '../rules/rule';
import { DEEP_NESTING, depthAfterChange, nestingDepth, withParentCache } from './syntax';
import { ScanCache } from './scanCache';
import { effectiveSetting } from './settings';
import { isSuppressed, parseSuppressions } from './suppression';
import { inTestCode, TEST_CODE_NOTE } from './facts/testCode';
import { type Finding, type FindingData, LINT_LANGUAGES, type LintLanguage, type LintOptions } from './types';
import { type ModuleSummary, summarizeModule } from './project/summary';
import { mentionsClaude } from './mentions';

/** Options for creating an engine. */
export interface LintEngineOptions {
  /** Languages whose grammar to load now (default: all). Others can be added with `load`. */
  languages?: readonly LintLanguage[];
}

/** Engine-level options for a lint run, beyond the per-rule ones. */
export interface EngineLintOptions extends LintOptions {
  /** Called when the text cannot be analysed at all (no grammar loaded, parser failure). */
  onError?: (err: unknown) => void;
}

/**
 * Parses and lints JS/TS/Python source. Create it once (it loads the tree-sitter runtime
 * and grammars); `lint` is then synchronous and never throws.
 */
export class LintEngine {
  private readonly parsers = new Map<GrammarName, Parser>();
  private disposed = false;

  private constructor(private readonly grammarDir: string) {}

  /**
   * Loads the tree-sitter runtime (once per process) and the grammars for `languages`
   * (default all four) from `grammarDir`, the folder holding the `.wasm` files.
   */
  static async create(grammarDir: string, options: LintEngineOptions = {}): Promise<LintEngine> {
    const engine = new LintEngine(grammarDir);
    await Promise.all((options.languages ?? LINT_LANGUAGES).map((l) => engine.load(l)));
    return engine;
  }

  /** Loads the grammar for a language if it is not loaded yet. */
  async load(language: LintLanguage): Promise<void> {
    const grammar = grammarFor(language);
    if (!this.parsers.has(grammar)) {
      const lang = await loadGrammar(this.grammarDir, grammar);
      if (!this.parsers.has(grammar)) {
        this.parsers.set(grammar, await createParser(this.grammarDir, lang));
      }
    }
  }

  /** Whether `lint` can handle a language right now. */
  supports(language: LintLanguage): boolean {
    return this.parsers.has(grammarFor(language));
  }

  /** Lints one text. Never throws: failures go to `onRuleError`/`onError` and yield no findings. */
  lint(text: string, language: LintLanguage, options: EngineLintOptions = {}): Finding[] {
    return this.withTree(text, language, (findings) => findings, options);
  }

  /**
   * Lints one text and hands the findings and the root of the tree they were found on to
   * `use` (fixes read the same tree), then frees the tree: `root` is valid only inside `use`,
   * and null when the text was not parsed (nothing in it to find, or no parser).
   */
  withTree<T>(
    text: string,
    language: LintLanguage,
    use: (findings: Finding[], root: Node | null) => T,
    options: EngineLintOptions = {},
  ): T {
    const tree = mayHaveFindings(text, options) ? this.parse(text, language, null, options) : null;
    if (!tree) {
      return use([], null);
    }
    try {
      return use(this.analyze(text, language, tree.rootNode, options), tree.rootNode);
    } finally {
      tree.delete();
    }
  }

  /**
   * Lints notebook cells as one program per language, so imports, clients and functions
   * from earlier cells count in later ones. Findings carry `cell` (the index into `cells`)
   * and cell-relative lines, columns, offsets and data ranges.
   */
  lintNotebook(cells: readonly NotebookCell[], options: EngineLintOptions = {}): Finding[] {
    const out: Finding[] = [];
    for (const group of joinCells(cells)) {
      for (const f of this.lint(group.text, group.language, options)) {
        const part = partAt(group, f.start);
        const cellIndex = group.cells[part];
        const cellText = cells[cellIndex].text;
        const from = group.starts[part];
        const to = from + cellText.length;
        const start = Math.min(f.start - from, cellText.length);
        const end = Math.max(start, Math.min(f.end - from, cellText.length));
        out.push(
          makeFinding(new LineIndex(cellText), {
            ...f,
            start,
            end,
            cell: cellIndex,
            data: rebaseData(f.data, from, to),
          }),
        );
      }
    }
    return out.sort(
      (a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.start - b.start || ruleOrder(a) - ruleOrder(b),
    );
  }

  /**
   * What a module of the project offers the files importing it (see project/summary.ts), for a
   * `ModuleIndex`; `path` is its project-relative path. Undefined when it cannot be parsed.
   * Never throws.
   */
  summarize(text: string, language: LintLanguage, path: string): ModuleSummary | undefined {
    const tree = this.parse(text, language, null, {});
    if (!tree) {
      return undefined;
    }
    try {
      return withParentCache(
        text,
        () =>
          summarizeModule(
            new FileContext(text, language, tree.rootNode, { path, moduleSummary: true }),
            path,
          ),
        tree.rootNode,
      );
    } catch {
      return undefined;
    } finally {
      tree.delete();
    }
  }

  /** Opens a document for incremental linting in the editor. Dispose it when the document closes. */
  openDocument(language: LintLanguage, text: string): LintDocument {
    return new LintDocument(this, language, text);
  }

  /** Frees the parsers. The engine cannot be used afterwards. */
  dispose(): void {
    this.disposed = true;
    for (const parser of this.parsers.values()) {
      parser.delete();
    }
    this.parsers.clear();
  }

  /** @internal Parses (incrementally when `oldTree` is given). Returns null and reports on failure. */
  parse(text: string, language: LintLanguage, oldTree: Tree | null, options: EngineLintOptions): Tree | null {
    const parser = this.parsers.get(grammarFor(language));
    if (!parser || this.disposed) {
      options.onError?.(new Error(`Headroom: no grammar loaded for ${language}`));
      return null;
    }
    try {
      // tree-sitter can loop forever on some broken text (a property test found a 905-character
      // TSX file): stop a parse that reports progress far more often than any real file needs
      // (real files: at most once per 20 characters, deeply nested ones included), so the editor never freezes.
      let calls = 0;
      const budget = 256 + text.length / 2;
      const tree = parser.parse(text, oldTree, { progressCallback: () => ++calls > budget });
      if (!tree) {
        parser.reset(); // else the next parse resumes this one
        options.onError?.(new Error(`Headroom: gave up parsing ${text.length} characters of ${language}`));
      }
      return tree;
    } catch (err) {
      options.onError?.(err);
      return null;
    }
  }

  /**
   * @internal Runs the enabled rules over a parsed text. `depth`: the text's nesting depth
   * or an upper bound of it, when known (see `withParentCache`). `scans`: the document's
   * scans of its previous text, brought up to date (see `ScanCache`).
   */
  analyze(
    text: string,
    language: LintLanguage,
    root: Node,
    options: LintOptions,
    depth?: number,
    scans?: ScanCache,
  ): Finding[] {
    return withParentCache(text, () => this.analyzeTree(text, language, root, options, scans), root, depth);
  }

  private analyzeTree(
    text: string,
    language: LintLanguage,
    root: Node,
    options: LintOptions,
    scans?: ScanCache,
  ): Finding[] {
    const ctx = new FileContext(text, language, root, options, scans);
    const findings: Finding[] = [];
    let suppressions: ReturnType<typeof parseSuppressions> | undefined;
    for (const rule of RULES) {
      const id = rule.id;
      const setting = effectiveSetting(id, options.rules);
      if (setting === 'off') {
        continue;
      }
      const reports: RuleReport<FindingData>[] = [];
      try {
        rule.detect(ctx, (r) => reports.push(r));
      } catch (err) {
        options.onRuleError?.(id, err);
        continue;
      }
      if (reports.length === 0) {
        continue;
      }
      try {
        suppressions ??= parseSuppressions(text, ctx.lines, (o) => ctx.nodeAt(o));
        const seen = new Set<string>();
        for (const r of reports) {
          const start = clamp(r.start, 0, text.length);
          const end = clamp(r.end, start, text.length);
          const key = `${start}:${end}`;
          if (seen.has(key) || isSuppressed(suppressions, id, ctx.lines.lineAt(start))) {
            continue;
          }
          seen.add(key);
          const testCode = inTestCode(ctx, start);
          findings.push(
            makeFinding(ctx.lines, {
              rule: id,
              severity: r.severity ?? setting,
              message: testCode ? r.message + TEST_CODE_NOTE : r.message,
              start,
              end,
              data: r.data,
              ...(testCode && { testCode }),
            }),
          );
        }
      } catch (err) {
        options.onRuleError?.(id, err);
      }
    }
    return findings.sort((a, b) => a.start - b.start || ruleOrder(a) - ruleOrder(b));
  }
}

/**
 * A document open in the editor: edits are applied to the text and the syntax tree as
 * they come, and the next `lint` reparses incrementally (`tree.edit` + `parse(text, oldTree)`).
 */
export class LintDocument {
  private current: string;
  private tree: Tree | null = null;
  private dirty = true;
  private disposed = false;
  /**
   * The tree came from an incremental parse of text with syntax errors and was not parsed
   * afresh (see `lintNow`): its findings may depend on the edit history until `lint` settles it.
   */
  private provisional = false;
  /** An upper bound of `nestingDepth(text)`, kept across edits; undefined until measured. */
  private depth: number | undefined;
  /** Line-local text scans, rescanned after an edit only on the changed lines. */
  private readonly scans = new ScanCache();
  /** The text the edits since the last parse touched, in current offsets (none: undefined). */
  private edited: { start: number; end: number } | undefined;

  constructor(
    private readonly engine: LintEngine,
    readonly language: LintLanguage,
    text: string,
  ) {
    this.current = text;
  }

  /** The document text after all updates. */
  get text(): string {
    return this.current;
  }

  /**
   * Applies content changes in order, each relative to the text left by the previous one
   * (VS Code's `TextDocumentChangeEvent.contentChanges` and LSP `didChange` semantics; VS Code
   * lists multi-cursor edits last-to-first so this also equals applying them all at once).
   */
  update(changes: readonly ContentChange[]): void {
    if (this.disposed) {
      return;
    }
    for (const change of changes) {
      const { text, edit } = applyChange(this.current, change);
      this.current = text;
      if (this.depth !== undefined) {
        const removed = edit.oldEndIndex - edit.startIndex;
        this.depth = depthAfterChange(this.depth, text, edit.startIndex, edit.newEndIndex, removed);
      }
      this.tree?.edit(edit);
      this.dirty = true;
      this.edited = editedAfter(this.edited, edit);
    }
  }

  /** Replaces the whole text (a full reparse). */
  setText(text: string): void {
    this.current = text;
    this.depth = undefined;
    this.provisional = false;
    this.tree?.delete();
    this.tree = null;
    this.dirty = true;
    this.edited = undefined;
  }

  /**
   * Lints the current text, reparsing incrementally if it changed. The findings never depend
   * on the edit history: a file opened with the same text gets the same ones. Never throws.
   */
  lint(options: EngineLintOptions = {}): Finding[] {
    return this.run(options, true);
  }

  /**
   * Lints the current text for the keystroke path: as `lint`, except that text left with a
   * syntax error is analysed on the incremental tree at once instead of being parsed a second
   * time afresh. Then `settled` is false until `lint` (run it when the editor is idle)
   * re-parses it afresh; the text's next edit parses incrementally either way.
   */
  lintNow(options: EngineLintOptions = {}): Finding[] {
    return this.run(options, false);
  }

  /**
   * Whether the last lint's findings are those of a fresh parse of the text (see `lintNow`):
   * false only after it analysed a tree still to be parsed afresh. (A text that cannot have
   * findings is not parsed at all, and the tree stays as it was until the next parse.)
   */
  get settled(): boolean {
    return !this.provisional || this.dirty;
  }

  private run(options: EngineLintOptions, settle: boolean): Finding[] {
    if (this.disposed) {
      return [];
    }
    if (!mayHaveFindings(this.current, options)) {
      // Nothing to find: skip the parse; edits keep being applied to the old tree, so the
      // next parse (once the SDK or a key shows up) is still incremental.
      return [];
    }
    // Where the new tree may differ from the one analysed last (see `ScanCache.useTree`);
    // undefined when it is not parsed from it.
    let changed: Array<{ start: number; end: number }> | undefined;
    let parsed = false;
    if (this.dirty || !this.tree) {
      const old = this.tree;
      const next = this.engine.parse(this.current, this.language, old, options);
      this.provisional = !!next?.rootNode.hasError && !!old;
      changed = old && next ? changedRanges(old, next, this.edited) : undefined;
      old?.delete();
      this.tree = next;
      this.dirty = false;
      this.edited = undefined;
      parsed = true;
    }
    if (this.provisional && settle) {
      // Tree-sitter's error recovery can settle on a different tree when it reuses an old
      // one, so text with syntax errors is parsed afresh: the findings then never depend
      // on the edit history (a file opened with the same text gets the same ones).
      this.tree?.delete();
      this.tree = this.engine.parse(this.current, this.language, null, options);
      this.provisional = false;
      changed = undefined;
      parsed = true;
    }
    if (!this.tree) {
      return [];
    }
    if (parsed) {
      this.scans.use(this.current);
      this.scans.useTree(changed);
    }
    // The bound grows with each edit; measured again (a scan of the whole text) only once it
    // passes the depth where it matters.
    if (this.depth === undefined || this.depth > DEEP_NESTING) {
      this.depth = nestingDepth(this.current);
    }
    return this.engine.analyze(
      this.current,
      this.language,
      this.tree.rootNode,
      options,
      this.depth,
      this.scans,
    );
  }

  /**
   * The root of the tree the last `lint` analysed, while the text has not changed since;
   * null otherwise. Valid until the next `update`, `setText`, `lint` or `dispose`.
   */
  get root(): Node | null {
    return this.dirty || this.disposed ? null : (this.tree?.rootNode ?? null);
  }

  /**
   * @internal How many values read from the tree the document's lints kept from the tree
   * before and computed (see `FileContext.derive`), for tests and the bench.
   */
  get derived(): { kept: number; computed: number } {
    return { ...this.scans.derived };
  }

  /** Frees the syntax tree. */
  dispose(): void {
    this.disposed = true;
    this.tree?.delete();
    this.tree = null;
  }
}

/** The edited span after one more edit (see `LintDocument.edited`), in the edit's new offsets. */
function editedAfter(
  span: { start: number; end: number } | undefined,
  edit: { startIndex: number; oldEndIndex: number; newEndIndex: number },
): { start: number; end: number } {
  const { startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd } = edit;
  if (!span) {
    return { start, end: newEnd };
  }
  return {
    start: Math.min(span.start, start),
    end: span.end >= oldEnd ? span.end + newEnd - oldEnd : Math.max(span.end, newEnd),
  };
}

/** Where `next` (parsed from `old`, edited) may differ from it: tree-sitter's changed ranges and the edits. */
function changedRanges(
  old: Tree,
  next: Tree,
  edited: { start: number; end: number } | undefined,
): Array<{ start: number; end: number }> {
  const out = old.getChangedRanges(next).map((r) => ({ start: r.startIndex, end: r.endIndex }));
  if (edited) {
    out.push(edited);
  }
  return out;
}

/**
 * Every rule needs the Anthropic SDK imported (`anthropic`, `@anthropic-ai/...`), Claude named
 * (a model id, a client injected into a wrapper, see `claudeByProxy`, or one made by a factory
 * named for it: `load_claude_client()`), the Anthropic API named in the file's own words
 * ("utilities for Anthropic API calls") or an `sk-ant-` key in the text; most source files have
 * none and are not even parsed.
 */
export function mayHaveFindings(text: string, options: LintOptions = {}): boolean {
  return (
    mentionsClaude(text) ||
    // (cross-file facts: a file that calls Claude only through the project's own modules, when one it imports mentions Claude)
    !!options.modules?.importsClaudeCode(text)
  );
}

function ruleOrder(f: Finding): number {
  return RULE_IDS.indexOf(f.rule);
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(Number.isFinite(n) ? n : lo, hi));
}

/** Fills in the 0-based range from the offsets. */
function makeFinding(lines: LineIndex, f: Omit<Finding, 'range'> & Partial<Finding>): Finding {
  const finding: Finding = {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    range: { start: lines.position(f.start), end: lines.position(f.end) },
    start: f.start,
    end: f.end,
    data: f.data,
  };
  if (f.cell !== undefined) {
    finding.cell = f.cell;
  }
  if (f.testCode) {
    finding.testCode = true;
  }
  return finding;
}
