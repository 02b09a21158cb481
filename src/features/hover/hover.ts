import * as vscode from 'vscode';
import { readCostSettings } from '../../config';
import type { Finding, LintEngine, LintLanguage } from '../../core/lint';
import type { Node } from '../../core/parse/treeSitter';
import { computeBudget } from '../../core/monitor/budget';
import { sketchCalls, type CallSketch } from '../../core/monitor/callSketch';
import { capacityHoverMarkdown, type FanoutFacts } from '../../core/monitor/capacityHover';
import type { FindingIndex } from '../lint/linter';
import { LINT_DOCUMENT_SELECTOR } from '../lint/linter';
import type { Monitor } from '../monitor/monitor';

/**
 * Capacity and cost on hover (issue 13): over a `messages.create` / `messages.stream`
 * callee, or over the callee of a fan-out the linter found (`unbounded-fanout`), shows the
 * live headroom for the call's model, the cost per call, and for a fan-out the time it needs
 * under the limits, the binding limit and a safe concurrency. The call is read from the lint
 * facts of the document: the tree the linter holds for this version, else one parsed here
 * (a notebook cell, a document linted in the worker).
 */
export function registerCapacityHover(deps: {
  findings: FindingIndex;
  monitor: Pick<Monitor, 'view' | 'acceleration'>;
  getEngine(): Promise<LintEngine>;
}): vscode.Disposable {
  return vscode.languages.registerHoverProvider(LINT_DOCUMENT_SELECTOR, {
    async provideHover(document, position) {
      const text = document.getText();
      // Cheap guard: no Messages call in the file, no hover.
      if (!/\bmessages\s*\??\.\s*(?:create|stream)\b/.test(text)) return undefined;
      const offset = document.offsetAt(position);
      const version = document.version;
      const calls = await withRoot(deps, document, (root) =>
        sketchCalls(text, document.languageId as LintLanguage, root),
      );
      if (!calls || document.version !== version) return undefined;
      const findings = deps.findings.get(document.uri, version) ?? [];
      const fanouts = findings.filter((f) => f.data.rule === 'unbounded-fanout');
      const target = pick(offset, calls, fanouts, text);
      if (!target) return undefined;
      const view = deps.monitor.view();
      const model = target.call.model ?? view.state.model ?? view.config.model;
      const record = view.state.models[model];
      const now = Date.now();
      const markdown = capacityHoverMarkdown({
        call: target.call,
        fallbackModel: view.state.model ?? view.config.model,
        ...(target.fanout && { fanout: target.fanout }),
        ...(record && { budget: computeBudget(record, now) }),
        ...(deps.monitor.acceleration().ramp.meanLatencyMs !== undefined && {
          latencyMs: deps.monitor.acceleration().ramp.meanLatencyMs,
        }),
        overrides: readCostSettings().priceOverrides,
      });
      const md = new vscode.MarkdownString(markdown);
      md.isTrusted = false;
      return new vscode.Hover(
        md,
        new vscode.Range(document.positionAt(target.start), document.positionAt(target.end)),
      );
    },
  });
}

/**
 * Runs `use` on the syntax tree of the document's current version: the linter's, else one
 * parsed for this hover and freed after it. Undefined when the document cannot be parsed.
 */
async function withRoot<T>(
  deps: { findings: FindingIndex; getEngine(): Promise<LintEngine> },
  document: vscode.TextDocument,
  use: (root: Node) => T,
): Promise<T | undefined> {
  const linted = deps.findings.root(document.uri, document.version);
  if (linted) return use(linted);
  const engine = await deps.getEngine();
  const language = document.languageId as LintLanguage;
  await engine.load(language);
  const tree = engine.parse(document.getText(), language, null, {});
  if (!tree) return undefined;
  try {
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** The call (and fan-out) under the cursor: a call's callee, or a fan-out's callee. */
function pick(
  offset: number,
  calls: readonly CallSketch[],
  fanouts: readonly Finding[],
  text: string,
): { call: CallSketch; fanout?: FanoutFacts; start: number; end: number } | undefined {
  const fanoutOf = (call: CallSketch): { facts: FanoutFacts; finding: Finding } | undefined => {
    for (const f of fanouts) {
      if (f.data.rule !== 'unbounded-fanout') continue;
      if (f.data.calls.some((c) => c.start <= call.calleeStart && call.calleeStart < c.end)) {
        return { facts: facts(f, text), finding: f };
      }
    }
    return undefined;
  };
  const direct = calls.find((c) => c.calleeStart <= offset && offset <= c.calleeEnd);
  if (direct) {
    const fan = fanoutOf(direct);
    return {
      call: direct,
      ...(fan && { fanout: fan.facts }),
      start: direct.calleeStart,
      end: direct.calleeEnd,
    };
  }
  for (const f of fanouts) {
    if (f.data.rule !== 'unbounded-fanout') continue;
    const callee = f.data.fanoutCallee;
    if (offset < callee.start || offset > callee.end) continue;
    const first = f.data.calls[0];
    const call = first && calls.find((c) => first.start <= c.calleeStart && c.calleeStart < first.end);
    if (call) return { call, fanout: facts(f, text), start: callee.start, end: callee.end };
  }
  return undefined;
}

function facts(f: Finding, text: string): FanoutFacts {
  if (f.data.rule !== 'unbounded-fanout') return { callee: '' };
  const d = f.data;
  const count = d.sourceKind === 'literal' ? d.calls.length : undefined;
  const concurrency = d.pool?.maxWorkers ?? undefined;
  return {
    callee: text.slice(d.fanoutCallee.start, d.fanoutCallee.end),
    ...(count !== undefined && { count }),
    ...(concurrency !== undefined && concurrency !== null && { concurrency }),
  };
}
