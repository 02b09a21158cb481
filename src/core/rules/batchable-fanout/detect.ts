import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { repeatedCalls, type Repetition } from '../../lint/facts/repetition';
import { endOf, enclosingFunction, kind, rangeOf, up } from '../../lint/syntax';
import { batchEffect, BATCH_PERCENT, literalTokens } from '../adviceCosts';
import { lang, type Report } from '../rule';
import { offlineContext } from './context';
import type { BatchableFanoutData } from './data';
import { planBatch } from './plan';

/** Writes that store results: files, CSV/JSON/pickle dumps, databases. */
const JS_SINK =
  /\b(?:writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|outputJson|outputJSON|writeJson|writeJSON|outputFile|insertMany|insertOne|bulkWrite|createMany|bulkCreate|batchWrite|putItem)\s*\(|\.(?:write|insert|upsert|save)\s*\(/;
const PY_SINK =
  /\b(?:json|pickle|yaml|joblib|np|numpy)\s*\.\s*(?:dump|save)\s*\(|\.(?:write|writelines|write_text|write_bytes|writerow|writerows|to_csv|to_json|to_parquet|to_excel|to_sql|to_pickle|to_feather|execute|executemany|insert_one|insert_many|bulk_create|save|dump|commit)\s*\(/;

/** Collecting results: `.push(`, `.append(`, `[key] =`, `.set(`/`.add(`, or the fan-out's value assigned. */
const JS_COLLECT = /\.(?:push|set|add|unshift)\s*\(|[\w$\]]\[[^\n=]*\]\s*=(?![=>])/;
const PY_COLLECT =
  /\.(?:append|extend|add|update|put)\s*\(|\w\[[^\n=]*\]\s*=(?!=)|\.(?:write|writerow|writerows)\s*\(/;

/**
 * `batchable-fanout`: a data-driven fan-out of Claude calls in offline code whose results
 * are collected and stored.
 */
export function detect(ctx: FileContext, report: Report<BatchableFanoutData>): void {
  if (
    ctx.calls.some((c) => c.method === 'batches.create') ||
    /\bAnthropic(?:Bedrock|Vertex|Foundry)\b/.test(ctx.text)
  ) {
    return; // already batched, or a cloud platform whose batch service is another API
  }
  const seen = new Set<number>();
  for (const r of repeatedCalls(ctx)) {
    if (!r.overData || r.kind === 'while' || r.call.method !== 'create' || seen.has(r.construct.startIndex)) {
      continue;
    }
    if (r.call.params.entries.has('stream')) {
      continue; // streamed to someone watching
    }
    const where = offlineContext(ctx, r.construct);
    if (!where || !collectedAndStored(ctx, r)) {
      continue;
    }
    seen.add(r.construct.startIndex);
    const model = modelLiteral(ctx, r);
    const maxTokens = Number(
      /^\s*[\w"']+\s*[:=]\s*([\d_]+)\s*$/
        .exec(ctx.textOf(r.call.params.entries.get('max_tokens')?.entry))?.[1]
        ?.replace(/_/g, '') ?? NaN,
    );
    const effect =
      model && Number.isFinite(maxTokens)
        ? batchEffect(model, literalTokens(ctx, r.call.params.node ?? r.call.node), maxTokens)
        : undefined;
    report({
      start: r.call.callee.startIndex,
      end: endOf(r.call.callee),
      message:
        `This ${what(r)} in ${where} sends one Claude request per item and stores the results: nobody waits ` +
        `for them live. The Message Batches API takes up to 100,000 such requests at once, bills them at ` +
        `${BATCH_PERCENT}% of the standard price and draws on its own rate limits (not the Messages RPM/ITPM/OTPM ` +
        `that a loop like this exhausts); most batches end within an hour, all within 24 h.` +
        (effect
          ? ` Per 1,000 calls on ${effect.family}: ~${effect.standard} now, ~${effect.batch} as a batch (list prices ` +
            `as of ${effect.asOf}, literal request text and max_tokens only).`
          : ''),
      data: {
        rule: 'batchable-fanout',
        language: lang(ctx),
        call: rangeOf(r.call.node),
        construct: rangeOf(r.construct),
        plan: planBatch(ctx, r),
      },
    });
  }
}

function what(r: Repetition): string {
  const via = r.viaName ? ` (through ${r.viaName}())` : '';
  return (r.kind === 'map' ? 'map' : r.kind === 'comprehension' ? 'comprehension' : 'loop') + via;
}

function modelLiteral(ctx: FileContext, r: Repetition): string | undefined {
  const m = /^\s*[\w"']+\s*[:=]\s*[rRuU]?(['"`])([\w.@:-]+)\1\s*$/.exec(
    ctx.textOf(r.call.params.entries.get('model')?.entry),
  );
  return m?.[2];
}

/**
 * Whether the per-item results are collected (pushed, appended, assigned by key, or the
 * fan-out's own value assigned) and stored (written to a file or a database) in the scope of
 * the fan-out, or by the code that calls the function holding it.
 */
function collectedAndStored(ctx: FileContext, r: Repetition): boolean {
  const sink = ctx.python ? PY_SINK : JS_SINK;
  const collect = ctx.python ? PY_COLLECT : JS_COLLECT;
  const body = ctx.textOf(r.construct);
  const collected =
    collect.test(stripCode(body)) ||
    assignedValue(r.construct) ||
    hasSink(ctx, sink, r.construct.startIndex, endOf(r.construct));
  if (!collected) {
    return false;
  }
  const scope = enclosingFunction(r.construct);
  const from = r.construct.startIndex;
  const to = scope ? endOf(scope) : ctx.text.length;
  if (hasSink(ctx, sink, from, to)) {
    return true;
  }
  // The function holding the fan-out returns its results to a caller that stores them.
  const name = scope ? nameOf(ctx, scope) : undefined;
  if (!name) {
    return false;
  }
  const re = new RegExp(`(?<![\\w$.])(?:(?:this|self)\\s*\\.\\s*)?${name.replace(/\$/g, '\\$')}\\s*\\(`, 'g');
  for (const m of ctx.scan(re)) {
    if (scope && m.index >= scope.startIndex && m.index < endOf(scope)) {
      continue;
    }
    const site = ctx.nodeAt(m.index + m[0].length - 1);
    const caller = site ? enclosingFunction(site) : null;
    if (hasSink(ctx, sink, m.index, caller ? endOf(caller) : ctx.text.length)) {
      return true;
    }
  }
  return false;
}

function hasSink(ctx: FileContext, sink: RegExp, from: number, to: number): boolean {
  const global = new RegExp(sink.source, 'g');
  for (const m of ctx.scan(global, from, to)) {
    if (!ctx.inCommentOrString(m.index + m[0].length - 1)) {
      return true;
    }
  }
  return false;
}

/** Comments dropped (a rough cut: collect patterns only need to skip `// results.push(` notes). */
function stripCode(text: string): string {
  return text.replace(/(?:\/\/|#)[^\n]*/g, '');
}

/** Whether a map/comprehension's value is assigned (`results = [...]`, `const out = await Promise.all(xs.map(...))`). */
function assignedValue(construct: Node): boolean {
  if (kind(construct) === 'for_statement' || kind(construct) === 'for_in_statement') {
    return false;
  }
  for (let n = up(construct), i = 0; n && i < 6; n = up(n), i++) {
    const k = kind(n);
    if (k === 'variable_declarator' || k === 'assignment' || k === 'assignment_expression') {
      return true;
    }
    if (k.endsWith('statement') || k === 'block' || k === 'statement_block') {
      return false;
    }
  }
  return false;
}

function nameOf(ctx: FileContext, fn: Node): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) {
    return ctx.textOf(own);
  }
  const parent = up(fn);
  if (parent && kind(parent) === 'variable_declarator') {
    return ctx.textOf(parent.childForFieldName('name'));
  }
  return undefined;
}
