import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { LintEngine } from '../../core/lint';
import type { Node, Tree } from '../../core/parse/treeSitter';
import type { Finding, LintLanguage } from '../../core/lint/types';
import {
  MeasurementBook,
  fixAll,
  fixesFor,
  projectDepsFor,
  type FixContext,
  type TextEdit,
} from '../../core/fix';
import type { Observation } from '../../core/monitor/source';
import { readFixSettings, readLintSettings } from '../../config';
import { LINT_DOCUMENT_SELECTOR, isLintLanguage, lintOptions, type FindingIndex } from '../lint/linter';
import { ruleOf } from '../lint/diagnostics';
import { type ProjectFiles, watchProjectFiles } from './projectFiles';

/** `source.fixAll.headroom`: all safe Headroom fixes of a file (e.g. on save via editor.codeActionsOnSave). */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('headroom');

export interface QuickFixDeps {
  findings: FindingIndex;
  getEngine(): Promise<LintEngine>;
  /**
   * Every observation the monitor receives (polls and observe-mode traffic): the per-model
   * limits, latencies and input sizes that size concurrency caps (core/fix/sizing.ts).
   */
  observations: vscode.Event<Observation>;
  log: Logger;
}

/**
 * Offers Headroom's fixes for Headroom diagnostics. The edits come from the pure
 * generators in src/core/fix; this adapter only finds the finding behind a diagnostic,
 * builds the fix context (project dependencies, settings, measured limits) and converts
 * offsets to positions.
 */
export class HeadroomCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  /** Trees of documents the linter holds none for (notebook cells), one per document version. */
  private readonly trees = new Map<string, { version: number; tree: Tree }>();
  /** Per-model limits and traffic, for sizing concurrency caps. */
  private readonly book = new MeasurementBook();
  private readonly subscription: vscode.Disposable;
  /** The manifests and formatter configs above each file, read once until they change. */
  private readonly projectFiles: ProjectFiles = watchProjectFiles();

  constructor(private readonly deps: QuickFixDeps) {
    this.subscription = deps.observations((o) => this.book.record(o));
  }

  /** Frees the trees parsed for quick fixes and stops listening to observations and project files. */
  dispose(): void {
    this.subscription.dispose();
    this.projectFiles.dispose();
    for (const { tree } of this.trees.values()) tree.delete();
    this.trees.clear();
  }

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    if (!isLintLanguage(document.languageId)) return [];
    try {
      if (context.only && FIX_ALL_KIND.contains(context.only)) {
        return await this.fixAllActions(document, token);
      }
      if (
        context.only &&
        !context.only.contains(vscode.CodeActionKind.QuickFix) &&
        !vscode.CodeActionKind.QuickFix.contains(context.only)
      ) {
        return [];
      }
      return await this.quickFixes(document, context);
    } catch (err) {
      this.deps.log.error(`Quick fixes failed: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  private async quickFixes(
    document: vscode.TextDocument,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const diagnostics = context.diagnostics.filter((d) => ruleOf(d) !== undefined);
    if (diagnostics.length === 0) return [];
    const version = document.version;
    if (!this.deps.findings.get(document.uri, version)) return []; // From an older version; a fresh lint is on its way.
    const root = await this.rootFor(document);
    // Look the findings up again: the document may have changed while the engine loaded.
    const findings = this.deps.findings.get(document.uri, version);
    if (!root || !findings || document.version !== version) return [];
    const ctx: FixContext = { ...this.context(document), root };
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of diagnostics) {
      const finding = findings.find((f) => matches(f, diagnostic));
      if (!finding) continue;
      for (const fix of fixesFor(finding, ctx, (err) =>
        this.deps.log.error(`Fix for ${finding.rule} failed: ${String(err)}`),
      )) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.isPreferred;
        action.edit = toWorkspaceEdit(document, fix.edits);
        actions.push(action);
      }
    }
    return actions;
  }

  private async fixAllActions(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    // A notebook cell cannot be re-linted on its own (it needs the earlier cells' imports).
    if (document.uri.scheme === 'vscode-notebook-cell') return [];
    const engine = await this.deps.getEngine();
    if (token.isCancellationRequested) return [];
    const language = document.languageId as LintLanguage;
    const settings = readLintSettings(document.uri);
    if (!settings.enable) return [];
    const options = lintOptions(settings.rules, this.deps.log, { uri: document.uri, settings });
    const before = document.getText();
    const result = fixAll(before, this.context(document), (text, use) =>
      engine.withTree(text, language, use, options),
    );
    if (result.applied.length === 0 || result.text === before) return [];
    const action = new vscode.CodeAction(
      `Fix all Headroom problems (${result.applied.length})`,
      FIX_ALL_KIND,
    );
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(0), document.positionAt(before.length)),
      result.text,
    );
    action.edit = edit;
    return [action];
  }

  /**
   * The tree of the document's current version: the one the linter keeps, else (notebook
   * cells, linted as part of their notebook) one parsed here once per version.
   */
  private async rootFor(document: vscode.TextDocument): Promise<Node | undefined> {
    const linted = this.deps.findings.root(document.uri, document.version);
    if (linted) return linted;
    const key = document.uri.toString();
    const cached = this.trees.get(key);
    if (cached?.version === document.version) return cached.tree.rootNode;
    const engine = await this.deps.getEngine();
    const language = document.languageId as LintLanguage;
    await engine.load(language);
    const again = this.trees.get(key);
    if (again?.version === document.version) return again.tree.rootNode;
    const tree = engine.parse(document.getText(), language, null, {});
    if (!tree) return undefined;
    again?.tree.delete();
    this.trees.delete(key);
    this.trees.set(key, { version: document.version, tree });
    for (const [k, old] of this.trees) {
      if (this.trees.size <= MAX_TREES) break;
      old.tree.delete();
      this.trees.delete(k);
    }
    return tree.rootNode;
  }

  private context(document: vscode.TextDocument): Omit<FixContext, 'root'> {
    const fsPath =
      document.uri.scheme === 'file' || document.uri.scheme === 'vscode-notebook-cell'
        ? document.uri.fsPath
        : undefined;
    const measurements = this.book.all();
    return {
      text: document.getText(),
      language: document.languageId as LintLanguage,
      projectDeps: fsPath
        ? projectDepsFor(fsPath, this.projectFiles.readFile)
        : { pLimit: false, tenacity: false },
      settings: readFixSettings(document.uri),
      ...(measurements.length > 0 && { measurements }),
    };
  }
}

/** Registers the provider for every language Headroom lints, notebook cells included. */
export function registerQuickFixes(
  deps: QuickFixDeps,
): vscode.Disposable & { provider: HeadroomCodeActionProvider } {
  const provider = new HeadroomCodeActionProvider(deps);
  const registration = vscode.languages.registerCodeActionsProvider(LINT_DOCUMENT_SELECTOR, provider, {
    providedCodeActionKinds: HeadroomCodeActionProvider.providedCodeActionKinds,
  });
  return {
    provider,
    dispose: () => {
      registration.dispose();
      provider.dispose();
    },
  };
}

/** The most trees kept for documents the linter holds none for. */
const MAX_TREES = 8;

function matches(f: Finding, d: vscode.Diagnostic): boolean {
  return (
    f.rule === ruleOf(d) &&
    f.range.start.line === d.range.start.line &&
    f.range.start.character === d.range.start.character &&
    f.range.end.line === d.range.end.line &&
    f.range.end.character === d.range.end.character
  );
}

function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)),
      e.newText,
    );
  }
  return edit;
}
