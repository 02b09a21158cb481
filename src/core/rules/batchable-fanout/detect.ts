import { importedStoreWriters, JS_STORE_WRITE, PY_STORE_WRITE } from '../../lint/facts/stores';
import type { Node } from '../../parse/treeSitter';
import { escapeRegExp } from '../../parse/escapeRegExp';
import { globalCopy, type FileContext } from '../../lint/context';
import { repetitionAbove, SMALL_FIXED_LIST, type Repetition } from '../../lint/facts/repetition';
import {
  callGraph,
  type LocalFunction,
  requestsReached,
  siteCall,
  sitesWithin,
} from '../../lint/facts/callGraph';
import {
  argumentList,
  callee,
  COMPREHENSION_TYPES,
  dottedName,
  endOf,
  enclosingFunction,
  FUNCTION_TYPES,
  functionName,
  isCall,
  isMember,
  kind,
  lastSegment,
  memberObject,
  memberProperty,
  namedChildren,
  numberValue,
  positionalArgs,
  rangeOf,
  unwrap,
  up,
} from '../../lint/syntax';
import { lastAssignedValue } from '../../lint/facts/functions';
import { batchEffect, BATCH_PERCENT, literalTokens } from '../adviceCosts';
import { lang, type Report } from '../rule';
import { offlineContext, poolWorker, readsUserInLoop, servesRequests } from './context';
import type { BatchableFanoutData } from './data';
import { planBatch } from './plan';
import { instanceCalls, perItemCalls, perItemElsewhere, type PerItem } from '../../lint/facts/perItem';
import { importsName } from '../../lint/facts/imports';
import { overConfiguredProviders } from '../../lint/facts/providers';
import { toolUseLoops } from '../../lint/facts/toolUseLoops';
import { urllibSendOf } from '../../lint/facts/httpHelpers';

/**
 * The file's store writes: {@link JS_STORE_WRITE} / {@link PY_STORE_WRITE}, the runs of a prepared SQL write
 * statement (`update = db.prepare("UPDATE farms SET description = ? …")` … `update.run(text, id)`), and calls of
 * another module's functions that write to a store (`append_raw_entry(entry)`, when the project can be read).
 * The statements are found once per file.
 */
function sinkOf(ctx: FileContext): RegExp {
  return ctx.memo('batchable-sink', () => {
    const base = ctx.python ? PY_STORE_WRITE : JS_STORE_WRITE;
    const names = new Set<string>();
    for (const m of ctx.scan(PREPARED_WRITE)) {
      names.add(m[1]);
    }
    const prepared = [...names].join('|').replace(/\$/g, '\\$');
    // (a function of another module of the project that writes to a store, called by the name imported)
    const imported = importedStoreWriters(ctx).join('|').replace(/\$/g, '\\$');
    return names.size === 0 && !imported
      ? base
      : new RegExp(
          [
            base.source,
            ...(prepared ? [`(?<![\\w$.])(?:${prepared})\\s*\\.\\s*(?:run|execute|exec)\\s*\\(`] : []),
            ...(imported ? [`(?<![\\w$.])(?:${imported})\\s*\\(`] : []),
          ].join('|'),
        );
  });
}

/** `name = db.prepare("INSERT …")` (or UPDATE/REPLACE/UPSERT): a prepared statement that writes rows. */
const PREPARED_WRITE =
  /(?<![\w$.])([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?[\w$.]*\.\s*prepare\s*\(\s*['"`]\s*(?:INSERT|UPDATE|REPLACE|UPSERT|insert|update|replace|upsert)\b/g;

/** Collecting results: `.push(`, `.append(`, `[key] =`, `.set(`/`.add(`, or the fan-out's value assigned. */
const JS_COLLECT =
  /\.(?:push|set|add|unshift)\s*\(|[\w$\]]\[[^\n=]*\]\s*=(?![=>])|\)\s*\.\s*[A-Za-z_$][\w$]*\s*=(?![=>])/;
const PY_COLLECT =
  /\.(?:append|extend|add|update|put)\s*\(|\w\[[^\n=]*\]\s*=(?!=)|\.(?:write|writerow|writerows)\s*\(|\)\s*\.\s*[A-Za-z_]\w*\s*=(?!=)/;

/**
 * `batchable-fanout`: a data-driven fan-out of Claude calls in offline code whose results
 * are collected and stored.
 */
export function detect(ctx: FileContext, report: Report<BatchableFanoutData>): void {
  if (
    ctx.calls.some((c) => c.method === 'batches.create') ||
    /\/v1\/messages\/batches\b/.test(ctx.text) ||
    /\bAnthropic(?:Bedrock|Vertex|Foundry)\b/.test(ctx.text)
  ) {
    return; // already batched (also over raw HTTP), or a cloud platform whose batch service is another API
  }
  const reported = new Map<number, PerItem[]>();
  // (a `messages.stream` call counts when only its final message is read: nobody watches the tokens)
  const items = inLoopOrder(
    ctx,
    perItemCalls(ctx, true).filter((r) => r.call.method !== 'stream' || finalOnly(ctx, r.call.node)),
  )
    .map((item) => pastProviders(ctx, item))
    .map((item) => item && reachedElsewhere(ctx, item))
    .filter((r): r is PerItem => !!r && r.overData && r.kind !== 'while');
  // The requests of each loop whose answers feed the next turn (at most 8 a loop).
  const chains = new Map<number, PerItem[]>();
  for (const r of items) {
    const list = chains.get(r.construct.startIndex) ?? [];
    if (list.length < 8 && dependentChain(ctx, r)) {
      chains.set(r.construct.startIndex, [...list, r]);
    }
  }
  for (const r of items) {
    const earlier = reported.get(r.construct.startIndex) ?? [];
    // (at most 8 requests reported per loop: each compared with those before it)
    if (earlier.length >= 8 || earlier.some((e) => e.call === r.call || feedsOn(ctx, r, e))) {
      continue; // the same request, or a later step of a per-item chain: reported at the first request
    }
    // (a step that reads a chained request's answer, `validateAndRetry(batch.questions, regenerate)`
    // after `batch = await generateBatch(…, existingIds)`, is part of that chain)
    const placed = (p: PerItem): boolean => !!(stepSite(ctx, p) ?? handedSite(ctx, p));
    const chained = chains.get(r.construct.startIndex) ?? [];
    if (chained.some((e) => e.call !== r.call && placed(e) && placed(r) && feedsOn(ctx, r, e))) {
      continue;
    }
    if (fedEarlierAnswer(ctx, r)) {
      continue; // fed what a Claude request sent earlier in the turn answered (four summaries, then their synthesis): a chain's next step
    }
    if (toolConversation(ctx, r)) {
      continue; // each item's requests are a tool-use conversation: the tools run between turns, which a batch cannot do
    }
    if (streamed(ctx, r)) {
      continue; // streamed to someone watching
    }
    if (dependentChain(ctx, r)) {
      continue; // each request reads what earlier answers added: a chain, not independent items
    }
    if (stopsOnAnswer(ctx, r)) {
      continue; // the loop ends when an answer says so (`if "I am done" in reply: break`): a refinement, each step waiting on the last
    }
    if (overModelAnswer(ctx, r.construct)) {
      continue; // over the items a Claude answer just listed: a few, each next step waiting on the first answer
    }
    if ((timed(ctx, r.call.node) || timedByHelper(ctx, r) || timedInTurn(ctx, r)) && timingStudied(ctx)) {
      continue; // a latency benchmark: each call's own wall time is what is studied, which a batch cannot give
    }
    const where = offlineContext(ctx, r.construct);
    if (
      !where ||
      polled(ctx, r.construct) ||
      readsUserInLoop(ctx, r.construct) ||
      !collectedAndStored(ctx, r)
    ) {
      continue;
    }
    if (servesRequests(ctx) && (actsOnAnswer(ctx, r) || sendsAnswerOn(ctx, r))) {
      continue; // a scheduled route that acts on each answer at once (places the order it advises, texts the lead): not a batch's delay
    }
    reported.set(r.construct.startIndex, [...earlier, r]);
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
    // (a urllib request built apart is reported where `urlopen(req)` sends it)
    const sent = urllibSendOf(ctx, r.call.node);
    const at = (sent && callee(sent)) ?? r.call.callee;
    report({
      start: at.startIndex,
      end: endOf(at),
      message:
        `Stored results, nobody waiting live: send this fan-out as a Message Batch at half the price. ` +
        `This ${what(ctx, r)} in ${where} sends ${requestsPerItem(ctx, r)} per item` +
        (r.call.method === 'stream'
          ? ' (a stream whose tokens nobody watches: only its final message is read)'
          : '') +
        ` and stores the results. The Message Batches API takes up to 100,000 such requests at once, bills them at ` +
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
        plan: ctx.calls.includes(r.call) && r.lifted !== false ? planBatch(ctx, r) : undefined, // (no SDK client to batch a raw-HTTP call with)
      },
    });
  }
}

/**
 * Whether the requests made per item form a tool-use conversation: the function holding the
 * request, or one between it and the loop, re-sends in a loop after tool results (`while
 * response.stop_reason == "tool_use": … tool_result … create(…)`) other than the fan-out itself.
 * Each turn waits on the tools run after the previous one: one batch request per item cannot
 * run them.
 */
function toolConversation(ctx: FileContext, r: PerItem): boolean {
  const fns = [enclosingFunction(r.call.node), ...(r.hops ?? []).map((h) => enclosingFunction(h))];
  const c = r.construct;
  return fns.some(
    (fn) =>
      !!fn &&
      // (not the fan-out itself nor a loop around it)
      toolUseLoops(ctx, fn).some((loop) => !(loop.startIndex <= c.startIndex && endOf(loop) >= endOf(c))),
  );
}

/**
 * Whether a fan-out runs over a list its function just got from a same-file function that asks
 * Claude for a handful of items (`ideas = self.generate_ideas(task, num_cases)` then one request
 * per idea, `num_cases` 5 at every call site): the items are what one answer listed, few and
 * produced in the same run, a chain whose next step is waited on, not a data set. A list whose
 * length the model decides from data (stories grouped from a week's headlines) is not one.
 */
function overModelAnswer(ctx: FileContext, construct: Node): boolean {
  const items = unwrap(iterableOf(ctx, construct));
  if (!items || kind(items) !== 'identifier') {
    return false;
  }
  const fn = enclosingFunction(construct);
  const call = unwrap(lastAssignedValue(ctx, ctx.textOf(items), fn?.startIndex ?? 0, construct.startIndex));
  if (!call || !isCall(call)) {
    return false;
  }
  const graph = callGraph(ctx);
  const name = lastSegment(dottedName(callee(call), ctx.text));
  return (
    (graph.byName.get(name) ?? []).some((f) => graph.reach.has(f)) &&
    callArguments(ctx, call).some((a) => smallCount(ctx, a, fn))
  );
}

/** A call's arguments (positional and keyword values). */
function callArguments(ctx: FileContext, call: Node): Node[] {
  const args = ctx.python ? argumentList(call) : call.childForFieldName('arguments');
  return namedChildren(args ?? call)
    .filter((a) => a !== callee(call))
    .map((a) => (kind(a) === 'keyword_argument' ? (a.childForFieldName('value') ?? a) : a));
}

/**
 * Whether an argument is a small count: a number of at most {@link SMALL_FIXED_LIST}, or a
 * parameter of `fn` whose default and whose value at every same-file call site are such numbers.
 */
function smallCount(ctx: FileContext, arg: Node, fn: Node | null): boolean {
  const small = (n: Node | null | undefined): boolean => {
    const v = n ? numberValue(n, ctx.text) : undefined;
    return v !== undefined && v >= 0 && v <= SMALL_FIXED_LIST;
  };
  const a = unwrap(arg);
  if (small(a)) {
    return true;
  }
  const name = fn ? functionName(fn, ctx.text) : undefined;
  const defs = (name && callGraph(ctx).byName.get(name)) || [];
  const def = defs.find((f) => f.start === fn?.startIndex);
  const index = def && a && kind(a) === 'identifier' ? def.params.indexOf(ctx.textOf(a)) : -1;
  if (!def || !fn || index < 0) {
    return false;
  }
  const param = def.params[index];
  const values: Array<Node | null> = [];
  for (const p of namedChildren(fn.childForFieldName('parameters') ?? fn)) {
    const pn = p.childForFieldName('name') ?? p.childForFieldName('left');
    if (pn && ctx.textOf(pn) === param && /default|assignment_pattern/.test(kind(p))) {
      values.push(p.childForFieldName('value') ?? p.childForFieldName('right'));
    }
  }
  const skip = /^(?:self|cls)$/.test(def.params[0] ?? '') ? 1 : 0;
  const sites = [...ctx.callsOf(name as string), ...instanceCalls(ctx, name as string)].slice(0, 16);
  for (const { start, paren } of sites) {
    if (start >= fn.startIndex && start < endOf(fn)) {
      continue;
    }
    const site = callAround(ctx.nodeAt(paren) ?? fn);
    if (!site || defs.some((f) => f.nameAt === start)) {
      continue;
    }
    const list = ctx.python ? argumentList(site) : site.childForFieldName('arguments');
    const given = namedChildren(list ?? site);
    const keyword = given.find(
      (g) => kind(g) === 'keyword_argument' && ctx.textOf(g.childForFieldName('name')) === param,
    );
    const positional = given.filter((g) => kind(g) !== 'keyword_argument')[index - skip];
    if (keyword || positional) {
      values.push(keyword ? keyword.childForFieldName('value') : positional);
    }
  }
  return values.length > 0 && values.every(small);
}

/** The list a loop, comprehension or map goes over (`xs` in `for x in xs`, `xs.map(f)`, `map(f, xs)`). */
function iterableOf(ctx: FileContext, construct: Node): Node | null {
  const k = kind(construct);
  if (k === 'for_statement' || k === 'for_in_statement') {
    return construct.childForFieldName('right');
  }
  if (COMPREHENSION_TYPES.has(k)) {
    const clause = namedChildren(construct).find((c) => kind(c) === 'for_in_clause');
    return clause?.childForFieldName('right') ?? null;
  }
  if (isCall(construct)) {
    const fnNode = callee(construct);
    const args = positionalArgs(construct);
    if (isMember(fnNode) && ctx.textOf(memberProperty(fnNode)) !== 'map') {
      return memberObject(fnNode); // xs.map(f), xs.forEach(f)
    }
    return args[1] ?? (isMember(fnNode) && !ctx.python ? memberObject(fnNode) : null); // map(f, xs), pool.map(f, xs)
  }
  return null;
}

/**
 * `stream: true` / `stream=True` (or a variable): someone reads the tokens; `stream=False` is
 * not streaming, nor is a stream whose events are only added up (`for event in response:
 * text += event.delta.text`, then the text returned or stored): nobody sees them arrive.
 */
function streamed(ctx: FileContext, r: Repetition): boolean {
  if (r.call.imported) {
    // Another module's function: its answer handed straight to a function that shows it as it comes
    // (`stream_analysis_to_console(analyzer.analyze_panel(…), …)`).
    const list = up(r.call.node);
    const holder = list && /^(?:argument_list|arguments)$/.test(kind(list)) ? up(list) : null;
    const shown = holder && isCall(holder) ? lastSegment(dottedName(callee(holder), ctx.text)) : '';
    return /stream|console|display|render|print|live/i.test(shown);
  }
  const entry = r.call.params.entries.get('stream')?.entry;
  return (
    !!entry &&
    !/[:=]\s*(?:false|False|None)\s*$/.test(ctx.textOf(entry)) &&
    !onlyAccumulated(ctx, r.call.node)
  );
}

/** A clock read: `time.time()`, `time.perf_counter()`, `Date.now()`, `performance.now()`. */
const CLOCK =
  /\b(?:time\s*\.\s*(?:time|perf_counter|monotonic|perf_counter_ns|monotonic_ns|time_ns)|Date\s*\.\s*now|performance\s*\.\s*now|process\s*\.\s*hrtime(?:\s*\.\s*bigint)?|timeit\s*\.\s*default_timer)\s*\(/;

/**
 * Whether the call is timed on its own: a clock read in the statements just before it and
 * just after it, in the same function (`t0 = time.time()`, the call, `elapsed = time.time() - t0`).
 */
function timed(ctx: FileContext, call: Node): boolean {
  const fn = enclosingFunction(call);
  const lo = Math.max(fn?.startIndex ?? 0, call.startIndex - 240);
  const hi = Math.min(fn ? endOf(fn) : ctx.text.length, endOf(call) + 240);
  const before = ctx.text.slice(lo, call.startIndex).split('\n').slice(-3).join('\n');
  const after = ctx.text.slice(endOf(call), hi).split('\n').slice(0, 4).join('\n');
  return CLOCK.test(stripComments(before)) && CLOCK.test(stripComments(after));
}

/**
 * Whether another module's function that makes the request hands back its time: the call's value is
 * unpacked into a name for it (`raw_out, latency = run_claude_inference(…)`).
 */
function timedByHelper(ctx: FileContext, r: PerItem): boolean {
  return !!r.call.imported && assignedNames(ctx, r.call.node).some((n) => MEASURED_TIME.test(n));
}

/** A name for one measured time: `latency`, `elapsed`, `duration`, `took_ms`, `time_s`. */
const MEASURED_TIME = /latenc|elapsed|duration|timing|^took|_ms$|_secs?$|^time_?s$/i;

/**
 * Whether the same per-item loop also makes a timed Claude call (an eval harness measuring
 * the time to first token of an agent, then judging its answer): the run is a benchmark.
 */
function timedInTurn(ctx: FileContext, r: PerItem): boolean {
  return ctx.memo(`batchable-timed-turn:${r.construct.startIndex}`, () =>
    perItemCalls(ctx, true).some(
      (o) =>
        o.construct.startIndex === r.construct.startIndex && o.call !== r.call && timed(ctx, o.call.node),
    ),
  );
}

/**
 * The file studies the timings it records: a statistic over them (`df['opus_time'].mean()`,
 * `sorted(r["latency_s"] for r in ok)`) or a name for one (`median_latency_s`, `wall_clock_s`,
 * `throughput`, `ttft`). A latency kept only as a column next to each answer (`"latency_ms":
 * latency_ms` in a study's CSV row) is metadata: the answers are what the run is for.
 */
function timingStudied(ctx: FileContext): boolean {
  return ctx.memo('batchable-timing-studied', () => {
    const text = stripComments(ctx.text);
    return (
      TIMING_NAME.test(text) ||
      text.split('\n').some((line) => TIMING_STAT.test(line) && TIMING_WORD.test(line))
    );
  });
}

/** A name for a statistic of timings, or for the run's own speed (not a timestamp, timeout or zone: `MIN_TIMESTAMP`). */
const TIMING_NAME =
  /(?:median|mean|avg|average|p[5-9]\d|min|max|std|total)_?(?:latenc|elapsed|duration|time(?!stamp|out|zone)|wall)|(?:latenc\w*|elapsed\w*|duration\w*|time)_(?:median|mean|avg|average|p[5-9]\d|stats)\b|wall_?clock|wall_?time|throughput|\bttft\b|time_to_first|tokens_per_s/i;
/**
 * A statistic taken over values: `.mean()`, `statistics.median(`, `np.percentile(`, `sorted(`, or
 * an average by hand (`total_seconds / len(symbols)`).
 */
const TIMING_STAT =
  /\.\s*(?:mean|median|std|describe|quantile)\s*\(|\b(?:mean|fmean|median|stdev|pstdev|percentile|quantile|sorted|average)\s*\(|\/\s*len\s*\(/;
/** A timing's name: `latency_s`, `elapsed`, `duration`, `opus_time`, `wall`, `seconds`, `total_seconds`, `time`. */
const TIMING_WORD =
  /latenc|elapsed|duration|_time\b|\btime_|\bwall|\bseconds\b|_seconds\b|_secs?\b|\btime\b/i;

/**
 * Whether a `messages.stream(...)` call is read only for its final message or text
 * (`with client.messages.stream(...) as s: return s.get_final_message()`,
 * `await client.messages.stream({...}).finalMessage()`) or its events only added up: nobody
 * sees the tokens arrive, so the request is as batchable as a `create`.
 */
function finalOnly(ctx: FileContext, call: Node): boolean {
  const parent = up(call);
  if (parent && isMember(parent) && FINAL.test(`.${ctx.textOf(memberProperty(parent))}(`)) {
    return true; // chained: `client.messages.stream({...}).finalMessage()`
  }
  const name = handleName(ctx, call);
  const fn = enclosingFunction(call);
  if (!name) {
    return false;
  }
  // (from after the call, and after `as s` when it is named there)
  const from =
    endOf(call) +
    (/^\s*as\s+[A-Za-z_]\w*/.exec(ctx.text.slice(endOf(call), endOf(call) + 80))?.[0].length ?? 0);
  const end = fn ? endOf(fn) : ctx.text.length;
  let finals = 0;
  for (const at of ctx.wordsOf(name)) {
    if (at < from || at >= end || ctx.inCommentOrString(at)) {
      continue;
    }
    const after = ctx.text.slice(at + name.length, at + name.length + 40);
    if (!FINAL.test(after)) {
      // (a listener, `stream.on('text', show)`, watches the tokens; a loop may only add them up)
      return !/^\s*\.\s*on\s*\(/.test(after) && onlyAccumulated(ctx, call);
    }
    finals++;
  }
  return finals > 0;
}

/** Reading a stream's end: `.get_final_message()`, `.get_final_text()`, `.until_done()`, `.finalMessage()`, `.finalText()`, `.done()`. */
const FINAL = /^\s*\.\s*(?:get_final_message|get_final_text|until_done|finalMessage|finalText|done)\s*\(/;

/** The name a stream is held by: assigned (`const s = client.messages.stream(…)`) or `with … as s`. */
function handleName(ctx: FileContext, call: Node): string | undefined {
  return (
    assignedName(ctx, call) ??
    (ctx.python
      ? /^\s*as\s+([A-Za-z_]\w*)/.exec(ctx.text.slice(endOf(call), endOf(call) + 80))?.[1]
      : undefined)
  );
}

/** Showing or handing on a stream's events as they come. */
const SHOWN =
  /\b(?:print|yield|emit|display|send|sendall|publish|enqueue|onToken|onChunk|on_token|on_chunk|callback|cb)\s*\(|\.\s*(?:write|send|emit|push|put|enqueue|flush|markdown|text|update)\s*\(|console\s*\.|\byield\b|\bflush\s*=\s*True/;

/**
 * Whether the events of a streamed response are read only by loops that add them up (no
 * print, yield, write or callback in their body): `response = create(..., stream=True)` …
 * `for event in response: full += event.delta.text`.
 */
function onlyAccumulated(ctx: FileContext, call: Node): boolean {
  const name = handleName(ctx, call);
  const fn = enclosingFunction(call);
  if (!name) {
    return false;
  }
  const end = fn ? endOf(fn) : ctx.text.length;
  const over = new RegExp(
    `\\bfor\\s*(?:await\\s*)?\\(?\\s*(?:const|let|var)?\\s*[\\w$,\\s()]+?\\s+(?:in|of)\\s+(?:await\\s+)?${name.replace(/\$/g, '\\$')}(?:\\s*\\.\\s*(?:text_stream|textStream))?\\s*\\)?\\s*[:{]`,
    'g',
  );
  let loops = 0;
  for (const m of ctx.scan(over, endOf(call), end)) {
    const loop = ctx.nodeAt(m.index);
    let n: Node | null = loop;
    while (n && kind(n) !== 'for_statement' && kind(n) !== 'for_in_statement') {
      n = up(n);
    }
    const body = n?.childForFieldName('body');
    if (!body || SHOWN.test(stripComments(ctx.textOf(body)))) {
      return false;
    }
    loops++;
  }
  return loops > 0;
}

/**
 * Whether the function holding the fan-out is called in a `while` loop (`while True: n =
 * process_replies(service); sleep(60)`): a worker answering what came in each round, whose
 * answers are expected soon, not a batch job.
 */
function polled(ctx: FileContext, construct: Node): boolean {
  const fn = enclosingFunction(construct);
  const name = fn ? functionName(fn, ctx.text) : undefined;
  if (!fn || !name || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    return false;
  }
  return ctx.callsOf(name).some(({ start }) => {
    if (start >= fn.startIndex && start < endOf(fn)) {
      return false;
    }
    const site = ctx.nodeAt(start);
    const loop = site ? repetitionAbove(ctx, site).construct : undefined;
    return loop?.kind === 'while' && !pagesThrough(ctx, loop.construct);
  });
}

/** A wait between rounds: `time.sleep(60)`, `await sleep(ms)`, `setTimeout(…)`, `asyncio.wait_for(…)`. */
const ROUND_WAIT = /\b(?:sleep|setTimeout|delay|wait|wait_for|waitFor)\s*\(/;

/**
 * Whether a `while` loop pages through stored data (`rows = fetch_batch(conn, size, cursor)`,
 * `if not rows: break`): it ends by `break` or `return` once the pages run out and never waits
 * between rounds, as a poll loop does. Its rounds are one data job, not a worker's replies.
 */
function pagesThrough(ctx: FileContext, loop: Node): boolean {
  const text = stripComments(ctx.textOf(loop));
  return /(?<![\w$.])(?:break|return)(?![\w$])/.test(text) && !ROUND_WAIT.test(text);
}

/**
 * A loop over the configured models or providers sends a fixed handful, not one request per
 * data item: the loop over data around it (in the same function) repeats them, else none does.
 */
function pastProviders(ctx: FileContext, r: PerItem): PerItem | undefined {
  if (!overConfiguredProviders(ctx, r.construct)) {
    return r;
  }
  const above = repetitionAbove(ctx, r.construct).construct;
  return above?.overData && above.kind !== 'while' && !overConfiguredProviders(ctx, above.construct)
    ? { ...r, ...above }
    : undefined;
}

/**
 * The per-item calls with those of one construct ordered by where the construct reaches them
 * (its first call site of the function leading to the call): a loop that calls `split(line)`
 * and then `tag(split_line)` is reported at the request it sends first, on which the rest wait.
 */
function inLoopOrder(ctx: FileContext, items: PerItem[]): PerItem[] {
  const site = (r: PerItem): number => {
    const c = r.construct;
    const at = r.call.node.startIndex;
    if (at >= c.startIndex && at < endOf(c)) {
      return at;
    }
    const name = r.outer ?? r.viaName;
    let first = Infinity;
    for (const { start } of name ? ctx.callsOf(name) : []) {
      if (start >= c.startIndex && start < endOf(c) && start < first) {
        first = start;
      }
    }
    // (or where it is handed to a runner in the loop: `validateAndRetry(batch.questions, regenerate)`)
    for (const use of first === Infinity && name ? ctx.usesOf(name).slice(0, 16) : []) {
      if (use >= c.startIndex && use < endOf(c) && use < first) {
        first = use;
      }
    }
    return first === Infinity ? at : first;
  };
  const firstOf = new Map<number, number>();
  items.forEach((r, i) => firstOf.set(r.construct.startIndex, firstOf.get(r.construct.startIndex) ?? i));
  const keyed = items.map((r, i) => ({ r, i, c: firstOf.get(r.construct.startIndex) ?? i, s: site(r) }));
  keyed.sort((a, b) => a.c - b.c || a.s - b.s || a.i - b.i);
  return keyed.map((k) => k.r);
}

/** Where the loop reaches the request, the name its answer is assigned, and the names made from it in the loop. */
function answerIn(
  ctx: FileContext,
  r: PerItem,
): { site: Node; result: string; derived: Set<string> } | undefined {
  const site = stepSite(ctx, r);
  const result = site ? assignedName(ctx, site) : undefined;
  return site && result
    ? { site, result, derived: deriveNames(ctx, site.startIndex, endOf(r.construct), new Set([result])) }
    : undefined;
}

/**
 * Whether the loop acts on each answer at once: an `if` reading it (`if (verdict.action ===
 * 'sell')`) whose branch awaits a function imported from elsewhere (`await sellPosition(...)`),
 * not a write of the answer.
 */
function actsOnAnswer(ctx: FileContext, r: PerItem): boolean {
  const answer = answerIn(ctx, r);
  if (!answer) {
    return false;
  }
  const { site, derived } = answer;
  const sink = sinkOf(ctx);
  for (const m of ctx.scan(/\bif\b/g, endOf(site), endOf(r.construct))) {
    let n: Node | null = ctx.nodeAt(m.index);
    while (n && kind(n) !== 'if_statement') {
      n = up(n);
    }
    const condition = n?.childForFieldName('condition');
    const branch = n?.childForFieldName('consequence');
    if (
      !n ||
      n.startIndex !== m.index ||
      !branch ||
      !identifiers(ctx.textOf(condition)).some((w) => derived.has(w))
    ) {
      continue;
    }
    for (const c of ctx.textOf(branch).matchAll(/\bawait\s+([A-Za-z_$][\w$]*)\s*\(/g)) {
      if (!sink.test(c[0]) && importsName(ctx, c[1])) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Whether the loop sends each answer on to a person at once: a call named for sending a message
 * (`sendText(lead.phone, reply.message)`, `sendEmail(…)`, `reply_to(…)`, `notifyUser(…)`) handed
 * the answer or a name made from it. In a route run on a schedule, that is a live conversation
 * (an hourly nudge to each lead), not results stored for later.
 */
function sendsAnswerOn(ctx: FileContext, r: PerItem): boolean {
  const answer = answerIn(ctx, r);
  if (!answer) {
    return false;
  }
  const { site, derived, result } = answer;
  derived.add(result);
  const text = ctx.text.slice(endOf(site), endOf(r.construct));
  for (const m of text.matchAll(SEND_TO_PERSON)) {
    if (
      identifiers(m[2]).some((w) => derived.has(w)) &&
      !ctx.inCommentOrString(endOf(site) + (m.index ?? 0))
    ) {
      return true;
    }
  }
  return false;
}

/** A call named for sending a message to someone, with its arguments' text (one line). */
const SEND_TO_PERSON =
  /(?<![\w$.])((?:send|reply|notify)(?:_?(?:text|message|sms|email|mail|whats_?app|reply|dm|user|lead|customer))?(?:_?to)?)\s*\(([^\n]*)\)/gi;

/**
 * Where a construct reaches a per-item call: the call itself when written in the construct,
 * else the first call (outside the function holding the request) of the function holding it.
 */
function stepSite(ctx: FileContext, r: PerItem): Node | null {
  const at = r.call.node.startIndex;
  if (at >= r.construct.startIndex && at < endOf(r.construct)) {
    return r.call.node;
  }
  const via = r.via;
  for (const { start } of r.viaName ? ctx.callsOf(r.viaName) : []) {
    if (!via || start < via.startIndex || start >= endOf(via)) {
      const site = ctx.nodeAt(start);
      return site ? callAround(site) : null;
    }
  }
  return null;
}

/**
 * Where a function called nowhere is handed as a value to the runner that repeats it
 * (`inSlices(groups, describeGroup)`): that runner call, the first outside the function itself.
 */
function handedSite(ctx: FileContext, r: PerItem): Node | null {
  const via = r.via;
  for (const at of r.viaName ? ctx.usesOf(r.viaName).slice(0, 16) : []) {
    if ((via && at >= via.startIndex && at < endOf(via)) || ctx.inCommentOrString(at)) {
      continue;
    }
    const list = up(ctx.nodeAt(at) ?? ctx.root);
    const call = list && (kind(list) === 'arguments' || kind(list) === 'argument_list') ? up(list) : null;
    if (call && isCall(call)) {
      return call;
    }
  }
  return null;
}

/**
 * Whether a second request the same loop sends per item reads the answer of an earlier one
 * (`summary = summarise(story)` then `score(summary)`): a chain, reported at its first request.
 * Independent requests per item (four scores of the same text) are each reported: each one
 * goes into the batch.
 */
function feedsOn(ctx: FileContext, r: PerItem, earlier: PerItem): boolean {
  // (two requests in one function are compared there: `resp` then, on truncation, `retry`)
  const fn = enclosingFunction(r.call.node);
  const together = !!fn && fn === enclosingFunction(earlier.call.node);
  const site = together ? r.call.node : (stepSite(ctx, r) ?? handedSite(ctx, r));
  const first = together ? earlier.call.node : (stepSite(ctx, earlier) ?? handedSite(ctx, earlier));
  if (!site || !first) {
    return true; // (not placed: keep the one finding per loop)
  }
  if (site.startIndex <= first.startIndex) {
    return false; // the same step (the function holding both is called once per item) or sent before it
  }
  const result = assignedName(ctx, first);
  const seeds = new Set([
    ...(result ? [result] : []),
    ...(!together && earlier.viaName ? [earlier.viaName] : []),
  ]);
  if (seeds.size === 0) {
    return false;
  }
  const derived = deriveNames(ctx, first.startIndex, site.startIndex, seeds);
  const args = ctx.python ? argumentList(site) : site.childForFieldName('arguments');
  // What it is sent with, or the conditions it is sent under (`if (stop === 'max_tokens')`).
  const read = [ctx.textOf(args)];
  for (let n = up(site); n && n !== fn && n !== r.construct; n = up(n)) {
    if (kind(n) === 'if_statement' || kind(n) === 'elif_clause') {
      read.push(ctx.textOf(n.childForFieldName('condition')));
    }
  }
  return read.some((t) => identifiers(t).some((n) => derived.has(n)));
}

/**
 * Whether the request's step in the loop is handed what a same-file function reaching Claude,
 * called earlier in the same turn, answered (`output = await summarise(source)` per source,
 * `results.push({ output })`, then `consolidate(results)`): the next step of a chain, whose
 * first step is not itself a fan-out here (sent over a small fixed list inside the turn).
 */
function fedEarlierAnswer(ctx: FileContext, r: PerItem): boolean {
  const loop = r.construct;
  const site = stepSite(ctx, r) ?? handedSite(ctx, r);
  if (!site || site.startIndex <= loop.startIndex || site.startIndex >= endOf(loop)) {
    return false;
  }
  const seeds = new Set<string>();
  for (const { start, paren } of reachingCalls(ctx)) {
    const call =
      start > loop.startIndex && start < site.startIndex ? callAround(ctx.nodeAt(paren) ?? site) : null;
    const result = call && call !== site ? assignedName(ctx, call) : undefined;
    if (result) {
      seeds.add(result);
    }
  }
  if (seeds.size === 0) {
    return false;
  }
  const derived = deriveNames(ctx, loop.startIndex, site.startIndex, seeds);
  const args = ctx.python ? argumentList(site) : site.childForFieldName('arguments');
  return identifiers(ctx.textOf(args)).some((n) => derived.has(n));
}

/**
 * The calls of the same-file functions reaching Claude (the first 16 of each name, by name in
 * the call graph's order): what `fedEarlierAnswer` reads, found once per file.
 */
function reachingCalls(ctx: FileContext): ReadonlyArray<{ start: number; paren: number }> {
  return ctx.memo('batchable-reaching-calls', () => {
    const graph = callGraph(ctx);
    const out: Array<{ start: number; paren: number }> = [];
    for (const [name, defs] of graph.byName) {
      if (defs.some((f) => graph.reach.has(f))) {
        out.push(...ctx.callsOf(name).slice(0, 16));
      }
    }
    return out;
  });
}

function what(ctx: FileContext, r: PerItem): string {
  // (a request in a closure: `article()` and the `send` it defines)
  const holder = !r.outer && r.via ? enclosingFunction(r.via) : null;
  const held = holder ? functionName(holder, ctx.text) : undefined;
  const chain =
    r.outer && r.outer !== r.viaName
      ? `${r.outer}() and ${r.viaName}`
      : held && r.viaName
        ? `${held}() and its closure ${r.viaName}`
        : r.viaName;
  const via = chain ? ` (through ${chain}())` : '';
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
 * fan-out's own value assigned) and stored: a write (file, dump, database) whose arguments
 * name the collection (or, inside the loop, the response), in the scope of the fan-out or,
 * through the variable a caller assigns the function's result to, in that caller.
 */
function collectedAndStored(ctx: FileContext, r: PerItem): boolean {
  return directlyStored(ctx, r) || derivedStored(ctx, r) || storedByCallback(ctx, r) || closureStored(ctx, r);
}

/**
 * How many Claude requests each item costs, as far as this file or the summary of the module
 * making them says: `one Claude request`, or `up to 6 Claude requests` when the function called
 * per item (here or in another module) writes several (a three-stage analysis).
 */
function requestsPerItem(ctx: FileContext, r: PerItem): string {
  // (the same-file function the loop calls: `analyze(filing)`, which asks three times)
  const called = r.outer ?? r.viaName;
  const local = called ? (callGraph(ctx).byName.get(called) ?? []).slice(0, 4) : [];
  const n = Math.max(r.call.imported?.requests ?? 1, ...local.map((f) => requestsReached(ctx, f)));
  return n > 1 ? `up to ${n} Claude requests` : 'one Claude request';
}

/**
 * Whether the request is made in a closure of the function run per item (`const call = async (m) =>
 * client.messages.create(…)` inside `genArticle`) and that function writes what the closure's calls
 * return (`res = await call(model)` … `writeFileSync(outPath, md)`). Reads its first 8 calls of the closure.
 */
function closureStored(ctx: FileContext, r: PerItem): boolean {
  const holder = r.via ? enclosingFunction(r.via) : null;
  if (!r.via || !r.viaName || !holder) {
    return false;
  }
  for (const { start, paren } of ctx.callsOf(r.viaName).slice(0, 8)) {
    if (
      start < holder.startIndex ||
      start >= endOf(holder) ||
      (start >= r.via.startIndex && start < endOf(r.via))
    ) {
      continue;
    }
    const call = callAround(ctx.nodeAt(paren) ?? r.via);
    const result = call ? assignedName(ctx, call) : undefined;
    if (result && storesDerived(ctx, start, endOf(holder), new Set([result]))) {
      return true;
    }
  }
  return false;
}

/**
 * Whether each answer is handed to a callback parameter (`onBatchDone(results)` in a worker of
 * `processConcurrent(batches, onBatchDone)`) that a same-file caller fills with a function
 * storing what it is given (`(results) => { sqlBuffer.push(\`UPDATE …\`); flush() }`).
 */
function storedByCallback(ctx: FileContext, r: PerItem): boolean {
  const site = stepSite(ctx, r);
  const result = site ? assignedName(ctx, site) : undefined;
  if (!site || !result) {
    return false;
  }
  const graph = callGraph(ctx);
  const text = ctx.text.slice(site.startIndex, endOf(r.construct));
  for (const m of text.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)\s*\(([^()\n]*)\)/g)) {
    if (!identifiers(m[2]).includes(result)) {
      continue;
    }
    for (let fn = enclosingFunction(r.construct); fn; fn = enclosingFunction(fn)) {
      const owner = graph.byName
        .get(functionName(fn, ctx.text) ?? '')
        ?.find((f) => f.start === fn?.startIndex);
      const index = owner ? owner.params.indexOf(m[1]) : -1;
      if (!owner || index < 0) {
        continue;
      }
      for (const { paren } of ctx.callsOf(owner.name).slice(0, 16)) {
        const call = callAround(ctx.nodeAt(paren) ?? site);
        const given = call ? (ctx.python ? argumentList(call) : call.childForFieldName('arguments')) : null;
        const callback = given ? namedChildren(given)[index] : undefined;
        const param =
          callback && FUNCTION_TYPES.has(kind(callback)) ? callbackParam(ctx, callback) : undefined;
        if (callback && param && storesDerived(ctx, callback.startIndex, endOf(callback), new Set([param]))) {
          return true;
        }
      }
    }
  }
  return false;
}

/** The first parameter's name of an anonymous function: `(results) => …`, `results => …`, `lambda r: …`. */
function callbackParam(ctx: FileContext, fn: Node): string | undefined {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  return identifiers(ctx.textOf(params))[0];
}

function directlyStored(ctx: FileContext, r: Repetition): boolean {
  const sink = sinkOf(ctx);
  const collect = new RegExp((ctx.python ? PY_COLLECT : JS_COLLECT).source, 'g');
  const names = new Set<string>();
  const text = stripComments(ctx.textOf(r.construct));
  for (const m of text.matchAll(collect)) {
    // `results.push(` / `out[key] =`: the name just before the match; `entry[mode].append(` /
    // `groups[key].push(`: the collection a subscript picks from (read from a bounded stretch).
    const end = m[0].startsWith('.') ? m.index : m.index + 1;
    const name = /([A-Za-z_$][\w$]*)(?:\s*\[[^[\]\n]{0,80}\])*\s*$/.exec(
      text.slice(Math.max(0, end - 240), end),
    )?.[1];
    if (name) {
      names.add(name);
    }
    // `table.at[idx, col] =`: the frame written into is `table`.
    const holder = /([A-Za-z_$][\w$]*)\s*\.\s*[A-Za-z_$][\w$]*\s*$/.exec(
      text.slice(Math.max(0, end - 120), end),
    )?.[1];
    if (!m[0].startsWith('.') && holder && !/^(?:self|this)$/.test(holder)) {
      names.add(holder);
    }
    // `sheet.cell(row=r, column=c).value = answer`: the object whose call gives the cell written into.
    const owner = m[0].startsWith(')')
      ? /([A-Za-z_$][\w$]*)\s*\.\s*[A-Za-z_$][\w$]*\s*\([^()\n]*$/.exec(
          text.slice(Math.max(0, end - 240), end - 1),
        )?.[1]
      : undefined;
    if (owner && !/^(?:self|this)$/.test(owner)) {
      names.add(owner);
    }
  }
  const assigned = assignedName(ctx, r.construct);
  if (assigned) {
    names.add(assigned);
  }
  const response = assignedName(ctx, r.call.node);
  const scope = enclosingFunction(r.construct);
  if (
    response &&
    hasSink(ctx, sink, r.construct.startIndex, endOf(r.construct), new Set([response, ...names]))
  ) {
    return true; // each answer written as it comes
  }
  if (writesThroughHelper(ctx, text, sink)) {
    return true; // each answer handed to a same-file helper that writes it (`save_response(path, record)`)
  }
  storedThroughHelpers(text, names);
  // (a script's top-level loop: the module is the scope)
  itemHolders(ctx, r.construct, scope ?? ctx.root, names);
  // (a fan-out whose value the function returns, `return await asyncio.gather(*[rate(e) for e in
  // essays])`, collects into what its caller assigns: read below)
  if (names.size === 0 && !returnedValue(r.construct)) {
    return false;
  }
  widenToHolders(ctx, names, r.construct.startIndex, scope ? endOf(scope) : ctx.text.length);
  if (
    names.size &&
    hasSink(ctx, sink, r.construct.startIndex, scope ? endOf(scope) : ctx.text.length, names)
  ) {
    return true;
  }
  // The function holding the fan-out returns its results to a caller that stores them.
  const name = scope ? nameOf(ctx, scope) : undefined;
  if (!scope || !name) {
    return false;
  }
  // (also on an instance, `classifier.process_reviews(df)`, or chained: `Labeller(k).label_all(df).to_csv(...)`)
  const chained = new RegExp(`^\\s*(?:${sink.source})`);
  for (const at of ctx.wordsOf(name)) {
    const paren = /^\s*\(/.exec(ctx.text.slice(at + name.length, at + name.length + 20));
    if (!paren || (at >= scope.startIndex && at < endOf(scope))) {
      continue;
    }
    const site = ctx.nodeAt(at + name.length + paren[0].length - 1);
    const call = site ? callAround(site) : null;
    if (call && chained.test(ctx.text.slice(endOf(call), ctx.text.indexOf('\n', endOf(call)) >>> 0))) {
      return true;
    }
    // (also unpacked: `keep, scores = await grade_all(pool)`)
    const results = call ? assignedNames(ctx, call) : [];
    const caller = site ? enclosingFunction(site) : null;
    // (or a value made from them, `all = [...old, ...result]`, handed to a same-file writer)
    if (
      results.length &&
      storesDerived(ctx, at, caller ? endOf(caller) : ctx.text.length, new Set(results))
    ) {
      return true;
    }
  }
  return handedInStored(ctx, scope, name, names);
}

/**
 * Whether the function holding the fan-out writes the answers into an object its caller handed
 * it (`cafe["blurb"] = text` for each cafe of `towns`, a parameter: see `itemHolders`) and a
 * same-file caller stores that object after the call (`fill(towns)`, then `json.dump(towns, fh)`
 * or a value made from it, `out = {**towns}`). The first 16 call sites are read.
 */
function handedInStored(ctx: FileContext, scope: Node, name: string, names: Set<string>): boolean {
  const def = callGraph(ctx)
    .byName.get(name)
    ?.find((f) => f.start === scope.startIndex);
  if (!def) {
    return false;
  }
  const skip = ctx.python && /^(?:self|cls)$/.test(def.params[0] ?? '') ? 1 : 0;
  const indexes = def.params.map((p, i) => (names.has(p) ? i - skip : -1)).filter((i) => i >= 0);
  for (const { start, paren } of indexes.length ? ctx.callsOf(name).slice(0, 16) : []) {
    const site = start >= scope.startIndex && start < endOf(scope) ? null : ctx.nodeAt(paren);
    const call = site ? callAround(site) : null;
    if (!call || ctx.inCommentOrString(start)) {
      continue;
    }
    const args = positionalArgs(call);
    const given = new Set<string>();
    for (const i of indexes) {
      const arg = args[i] ? unwrap(args[i]) : null;
      if (arg && kind(arg) === 'identifier') {
        given.add(ctx.textOf(arg));
      }
    }
    const caller = enclosingFunction(call);
    if (given.size && storesDerived(ctx, endOf(call), caller ? endOf(caller) : ctx.text.length, given)) {
      return true;
    }
  }
  return false;
}

/**
 * Rows handed to a same-file storing helper inside the loop (`save_to_excel(ws, row, n)`,
 * `appendRow(sheet, result)`): its arguments hold the results.
 */
function storedThroughHelpers(loopText: string, names: Set<string>): void {
  for (const m of loopText.matchAll(
    /(?<![\w$.])(?:save|write|store|append|insert|record|export|persist|add)_?[A-Za-z]\w*\s*\(([^()\n]*)\)/gi,
  )) {
    for (const arg of m[1].split(',')) {
      const id = /^\s*([A-Za-z_$][\w$]*)\s*$/.exec(arg)?.[1];
      if (id) {
        names.add(id);
      }
    }
  }
}

/** Calls in a loop of a same-file storing helper (named like `save_*`, `write_*`), with its arguments. */
const STORING_CALL =
  /(?<![\w$.])(?:(?:self|this)\s*\.\s*)?((?:save|write|store|append|insert|record|export|persist|dump)(?:_?[A-Za-z]\w*)?)\s*\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)/gi;

/**
 * Whether the loop hands a value to a same-file storing helper whose own body writes it
 * (`save_response(out_path, record)` around `json.dump(data, f)`, `self.save_review_to_file(text,
 * category, id)` around `f.write(...)`). Each helper's body is read once per file.
 */
function writesThroughHelper(ctx: FileContext, loopText: string, sink: RegExp): boolean {
  for (const m of loopText.matchAll(STORING_CALL)) {
    if (!/[A-Za-z_$]/.test(m[2])) {
      continue; // nothing handed over
    }
    for (const fn of callGraph(ctx).byName.get(m[1]) ?? []) {
      if (helperWrites(ctx, fn, sink)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * A per-item loop found first in a function nothing runs offline (a second entry point,
 * `classify_outcome()`, that no caller in the file uses) gives way to the loop another chain of
 * same-file callers reaches from an offline entry (`main()` → `classify()` → `_batch()`), if any.
 */
function reachedElsewhere(ctx: FileContext, r: PerItem): PerItem {
  if (!r.via || offlineContext(ctx, r.construct)) {
    return r;
  }
  const other = perItemElsewhere(ctx, r.call, r.construct);
  return other && offlineContext(ctx, other.construct) ? other : r;
}

/**
 * Adds, when the loop writes each answer into its own item (`motie.summary = text`,
 * `row.label = …`), the collections that item comes from, followed back through the function
 * (up to four steps): the loops it is taken from (`for (const motie of moties)` inside `for
 * (const [day, moties] of byDay)`), the names they are assigned from (`const recent =
 * data.items.filter(…)`: `data`), and groups filled from another loop's items (`byDay.get(k).push(m)`
 * in `for (const m of recent)`). A write of `data` after the loop then stores the answers.
 */
function itemHolders(ctx: FileContext, loop: Node, scope: Node, names: Set<string>): void {
  // (once per loop: every request in it asks the same)
  for (const n of ctx.memo(`batchable-item-holders:${loop.startIndex}`, () => holdersOf(ctx, loop, scope))) {
    names.add(n);
  }
}

function holdersOf(ctx: FileContext, loop: Node, scope: Node): Set<string> {
  const found = new Set<string>();
  const item = loopItem(ctx, loop);
  const body = loop.childForFieldName('body');
  if (!item || !body) {
    return found;
  }
  const written = new RegExp(
    `(?<![\\w$.])${item.replace(/\$/g, '\\$')}\\s*(?:\\.\\s*[A-Za-z_$][\\w$]*|\\[[^\\]\\n]{1,80}\\])\\s*=(?![=>])`,
  );
  if (!written.test(stripComments(ctx.textOf(body)))) {
    return found;
  }
  const text = ctx.text.slice(scope.startIndex, endOf(scope));
  if (text.length > 60_000) {
    return found;
  }
  let frontier = [loopSource(ctx, loop)].filter((n): n is string => !!n);
  for (let step = 0; step < 4 && frontier.length; step++) {
    const next: string[] = [];
    for (const n of frontier) {
      if (found.has(n) || found.size >= 12) {
        continue;
      }
      found.add(n);
      const id = n.replace(/\$/g, '\\$');
      // `for (const [day, moties] of byDay)` / `for day, rows in by_day.items():`: the source of `n`.
      const loopOver = new RegExp(
        `\\bfor\\s*(?:\\(\\s*(?:const|let|var)\\s+)?[[(]?[^\\n;]{0,80}?(?<![\\w$.])${id}(?![\\w$])[^\\n;]{0,40}?\\s(?:of|in)\\s+(?:await\\s+)?([A-Za-z_$][\\w$]*)`,
        'g',
      );
      // `const recent = data.items.filter(…)`: the root of what `n` is assigned.
      const assigned = new RegExp(
        `(?<![\\w$.])${id}\\s*(?::[^=\\n]{1,60})?=(?![=>])\\s*(?:await\\s+)?([A-Za-z_$][\\w$]*)`,
        'g',
      );
      // `byDay.get(k)!.push(m)`, `groups[k].push(m)`, `by_day.setdefault(k, []).append(m)`: filled from `m`.
      const grouped = new RegExp(
        `(?<![\\w$.])${id}\\s*(?:\\.\\s*(?:get|setdefault)\\s*\\([^()\\n]{0,80}\\)|\\[[^\\]\\n]{0,80}\\])\\s*!?\\s*\\.\\s*(?:push|append)\\s*\\(\\s*([A-Za-z_$][\\w$]*)\\s*\\)`,
        'g',
      );
      for (const m of text.matchAll(loopOver)) {
        next.push(m[1]);
      }
      for (const m of text.matchAll(assigned)) {
        next.push(m[1]);
      }
      for (const m of text.matchAll(grouped)) {
        // (the group's items come from the loop whose variable is pushed)
        const over = new RegExp(
          `\\bfor\\s*(?:\\(\\s*(?:const|let|var)\\s+)?${m[1].replace(/\$/g, '\\$')}\\s+(?:of|in)\\s+([A-Za-z_$][\\w$]*)`,
        ).exec(text);
        if (over) {
          next.push(over[1]);
        }
      }
    }
    // (not a module or built-in a value is read through: `JSON.parse(…)`, `pd.read_csv(…)`)
    frontier = next.filter((n) => !NOT_A_HOLDER.test(n));
  }
  return found;
}

/** The item variable of a `for … of` / `for … in` loop (a single name), if any. */
function loopItem(ctx: FileContext, loop: Node): string | undefined {
  const left = loop.childForFieldName('left');
  const text = left
    ? ctx
        .textOf(left)
        .replace(/^(?:const|let|var)\s+/, '')
        .trim()
    : '';
  return /^[A-Za-z_$][\w$]*$/.test(text) ? text : (indexedItem(ctx, loop)?.item ?? undefined);
}

/** The root name a `for … of` / `for … in` loop iterates (`moties`, `data` in `data.items`), if any. */
function loopSource(ctx: FileContext, loop: Node): string | undefined {
  const right = loop.childForFieldName('right');
  return right
    ? /^\s*(?:await\s+)?([A-Za-z_$][\w$]*)/.exec(ctx.textOf(right))?.[1]
    : indexedItem(ctx, loop)?.source;
}

/**
 * An index loop's item: `for (let i = 0; i < videos.length; i++) { const video = videos[i]; … }`,
 * `for i in range(len(rows)): row = rows[i]` (the item bound from the list at the index in the
 * loop's body), with the root name of that list (`videos`).
 */
function indexedItem(ctx: FileContext, loop: Node): { item: string; source: string } | undefined {
  const body = loop.childForFieldName('body');
  let index: string | undefined;
  let list: string | undefined;
  if (ctx.python) {
    const m = /^range\s*\(\s*len\s*\(\s*([A-Za-z_][\w.]*)\s*\)\s*\)$/.exec(
      ctx.textOf(loop.childForFieldName('right')).trim(),
    );
    index = m ? ctx.textOf(loop.childForFieldName('left')).trim() : undefined;
    list = m?.[1];
  } else if (kind(loop) === 'for_statement') {
    const m = /^([A-Za-z_$][\w$]*)\s*<\s*([A-Za-z_$][\w$.]*?)\s*\.\s*length\s*;?$/.exec(
      ctx.textOf(loop.childForFieldName('condition')).trim(),
    );
    index = m?.[1];
    list = m?.[2];
  }
  if (!body || !index || !list || !/^[A-Za-z_$][\w$]*$/.test(index)) {
    return undefined;
  }
  const escaped = list.replace(/[$.]/g, (c) => `\\${c}`);
  const bound = new RegExp(
    `(?<![\\w$.])(?:(?:const|let|var)\\s+)?([A-Za-z_$][\\w$]*)\\s*(?::[^=\\n]{1,60})?=\\s*${escaped}\\s*\\[\\s*${index}\\s*\\]`,
  ).exec(ctx.text.slice(body.startIndex, Math.min(endOf(body), body.startIndex + 2_000)));
  return bound ? { item: bound[1], source: list.split('.')[0] } : undefined;
}

/**
 * Adds what the collected results are put into after the loop (`df["answer"] = answers`,
 * `table = pd.DataFrame(rows)`) and the names built together with a collection
 * (`wb, ws = new_workbook()`: rows written into `ws` are saved with `wb.save(...)`).
 */
function widenToHolders(ctx: FileContext, names: Set<string>, from: number, to: number): void {
  const { single, tuples } = assignmentLines(ctx);
  const found: string[] = [];
  // (followed through up to three assignments: `batch_df = pd.DataFrame(results)`, then
  // `all_df = pd.concat([old_df, batch_df])`, then `all_df.to_csv(...)`)
  const reached = new Set(names);
  const steps = futureSteps(ctx);
  const futures = steps.slice(firstAtOrAfter(steps, from), firstAtOrAfter(steps, to));
  for (let pass = 0, grew = true; pass < 3 && grew; pass++) {
    grew = false;
    for (let i = firstAtOrAfter(single, from); i < single.length && single[i].at < to; i++) {
      if (!reached.has(single[i].name) && [...single[i].words].some((w) => reached.has(w))) {
        reached.add(single[i].name);
        found.push(single[i].name);
        grew = true;
      }
    }
    // (futures collected, then read as they finish: `for fut in as_completed(futs): res = fut.result()`
    // … `(failures if "_error" in res else results).append(res)`)
    for (const step of futures) {
      if (step.from.some((w) => reached.has(w))) {
        for (const n of step.into.filter((x) => !reached.has(x))) {
          reached.add(n);
          found.push(n);
          grew = true;
        }
      }
    }
  }
  // `sheet = book.active` before the loop: rows appended to `sheet` are saved with `book.save(...)`.
  for (let i = firstAtOrAfter(single, from) - 1; i >= 0 && from - single[i].at < 20_000; i--) {
    const owner = single[i].owner;
    if (owner && names.has(single[i].name)) {
      found.push(owner);
    }
  }
  for (let i = firstAtOrAfter(tuples, from) - 1; i >= 0 && from - tuples[i].at < 20_000; i--) {
    if (tuples[i].group.some((n) => names.has(n))) {
      found.push(...tuples[i].group);
    }
  }
  for (const n of found) {
    names.add(n);
  }
}

/**
 * Steps that carry a value on besides assignments: a loop's variable takes what its iterable holds
 * (`for fut in as_completed(futs)`, `for (const r of results)`), and a list appended a value holds
 * it (`rows.append(res)`, `done.append(fut.result())`, both lists of `(failures if bad else results).append(res)`).
 * Read once per file, in text order.
 */
function futureSteps(ctx: FileContext): Array<{ at: number; from: string[]; into: string[] }> {
  return ctx.memo('batchable-future-steps', () => {
    const out: Array<{ at: number; from: string[]; into: string[] }> = [];
    for (const m of ctx.scan(
      /\bfor\s*(?:\(\s*(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s+(?:in|of)\s+([^\n:{]{1,120})/g,
    )) {
      out.push({ at: m.index, from: identifiers(m[2]), into: [m[1]] });
    }
    for (const m of ctx.scan(
      /(?:(?<![\w$.])([A-Za-z_$][\w$]*)|\(([^()\n]{1,120})\))\s*\.\s*(?:append|push)\s*\(([^()\n]{0,120}(?:\([^()\n]{0,120}\)[^()\n]{0,120})?)\)/g,
    )) {
      const into = m[1]
        ? [m[1]]
        : identifiers(m[2].replace(/(['"])(?:(?!\1)[^\\\n])*\1/g, ' ')).filter(
            (n) => !/^(?:if|else|in|not|and|or|is|None|null|true|false|True|False)$/.test(n),
          );
      out.push({ at: m.index, from: identifiers(m[3]), into });
    }
    return out.sort((a, b) => a.at - b.at);
  });
}

/** Assignment lines of the file, in text order (read once): `x = …` / `x[k] = …` and `a, b = …`. */
function assignmentLines(ctx: FileContext): {
  single: Array<{ at: number; name: string; words: Set<string>; owner?: string }>;
  tuples: Array<{ at: number; group: string[] }>;
} {
  return ctx.memo('batchable-assignment-lines', () => {
    const single: Array<{ at: number; name: string; words: Set<string>; owner?: string }> = [];
    const tuples: Array<{ at: number; group: string[] }> = [];
    for (const m of ctx.scan(
      /^[ \t]*(?:(?:const|let|var)[ \t]+)?([A-Za-z_$][\w$]*(?:[ \t]*,[ \t]*[A-Za-z_$][\w$]*)*)(?:[ \t]*\[[^\n=]*\])?[ \t]*=(?![=>])([^\n]*)/gm,
    )) {
      if (m[1].includes(',')) {
        tuples.push({ at: m.index, group: m[1].split(',').map((x) => x.trim()) });
      } else {
        // The object a part is taken from: `book` in `sheet = book.active` / `wb["Sheet1"]`.
        const owner = /^\s*([A-Za-z_$][\w$]*)\s*(?:\.\s*[A-Za-z_$][\w$]*|\[[^\]\n]*\])\s*$/.exec(m[2])?.[1];
        single.push({
          at: m.index,
          name: m[1],
          words: new Set(m[2].match(/[A-Za-z_$][\w$]*/g) ?? []),
          owner,
        });
      }
    }
    return { single, tuples };
  });
}

/** The first index of a list sorted by `at` whose `at` is at or after `offset`. */
function firstAtOrAfter(list: ReadonlyArray<{ at: number }>, offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].at < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A write whose statement names one of `names` (`json.dump(results, f)`, `writeFileSync(p,
 * JSON.stringify(labels))`, also over several lines); a name inside a string is text, not the value
 * (`'data/stats.json'` does not write `data`).
 */
function hasSink(ctx: FileContext, sink: RegExp, from: number, to: number, names: Set<string>): boolean {
  for (const m of ctx.scan(globalCopy(sink), from, to)) {
    if (ctx.inCommentOrString(m.index + m[0].length - 1) || logWrite(ctx, m.index)) {
      continue;
    }
    if (statementNames(ctx, m.index, names)) {
      return true;
    }
  }
  return false;
}

/** Whether the statement at `at` names one of `names` outside its strings (see `outsideStrings`). */
function statementNames(ctx: FileContext, at: number, names: Set<string>): boolean {
  return identifiers(outsideStrings(statementText(ctx, at))).some((n) => names.has(n));
}

/**
 * A statement's text with each one-line string literal replaced by the expressions it
 * interpolates (`${data}`, `{results}`): a name in a path (`'data/stats.json'`) is text, not a value.
 */
function outsideStrings(text: string): string {
  return text.replace(
    /(['"`])((?:\\.|(?!\1)[^\\\n]){0,2000})\1/g,
    (_, _q: string, body: string) => ` ${(body.match(/\{[^{}\n]*\}/g) ?? []).join(' ')} `,
  );
}

/** Comments dropped (a rough cut: collect patterns only need to skip `// results.push(` notes). */
function stripComments(text: string): string {
  return text.replace(/(?:\/\/|#)[^\n]*/g, (c) => ' '.repeat(c.length));
}

/** The call node around a position inside its callee. */
function callAround(node: Node): Node | null {
  for (let n: Node | null = node, i = 0; n && i < 6; n = up(n), i++) {
    if (kind(n) === 'call' || kind(n) === 'call_expression') {
      return n;
    }
  }
  return null;
}

/**
 * What a value is assigned to (the left side or the declared name), through awaits, wrappers and
 * calls around it, within its statement; null for a `for` loop or a value not assigned.
 */
function assignmentTarget(node: Node): Node | null {
  if (kind(node) === 'for_statement' || kind(node) === 'for_in_statement') {
    return null;
  }
  for (let n = up(node), i = 0; n && i < 8; n = up(n), i++) {
    const k = kind(n);
    if (k === 'variable_declarator') {
      return n.childForFieldName('name');
    }
    if (k === 'assignment' || k === 'assignment_expression') {
      return n.childForFieldName('left');
    }
    if (
      k.endsWith('statement') ||
      k === 'block' ||
      k === 'statement_block' ||
      k === 'module' ||
      k === 'program'
    ) {
      return null;
    }
  }
  return null;
}

/**
 * The name a value is assigned to (`const out = await Promise.all(xs.map(...))`,
 * `results = [f(x) for x in xs]`, `res = await client.messages.create(...)`); undefined for a
 * `for` loop, or when it is unpacked or assigned into a member.
 */
function assignedName(ctx: FileContext, node: Node): string | undefined {
  const left = ctx.textOf(assignmentTarget(node)).trim();
  return /^[A-Za-z_$][\w$]*$/.test(left) ? left : undefined;
}

/**
 * The names a call's value is assigned to: one, or each name it is unpacked into (`keep, scores =
 * …`, `const [keep, scores] = …`, `(a, b) = …`).
 */
function assignedNames(ctx: FileContext, node: Node): string[] {
  const left = ctx.textOf(assignmentTarget(node)).trim();
  const m = /^[[(]?\s*([A-Za-z_$][\w$]*(?:\s*,\s*[A-Za-z_$][\w$]*)*)\s*,?\s*[\])]?$/.exec(left);
  return m ? m[1].split(',').map((x) => x.trim()) : [];
}

/** Whether a construct is (part of) the value a `return` statement gives, within a few levels. */
function returnedValue(construct: Node): boolean {
  for (let n = up(construct), i = 0; n && i < 6; n = up(n), i++) {
    const k = kind(n);
    if (k === 'return_statement') {
      return true;
    }
    if (k.endsWith('statement') || k === 'block' || k === 'statement_block' || FUNCTION_TYPES.has(k)) {
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

/**
 * A declared variable's type, skipped between its name and `=`: `const full: ReviewAnalysis = {…}`,
 * `rows: list[dict] = []` (a name declared with `const`/`let`/`var`/a class field's modifier, or
 * first on its line and not a keyword opening a block: `else: x = 1` assigns `x`).
 */
const TYPED =
  String.raw`(?:(?<=(?:\b(?:const|let|var|readonly|private|public|protected|static)[ \t]+|(?:^|\n)[ \t]*(?!(?:else|try|finally|except|default|case|do|with|if|elif|while|for|lambda)\b))[A-Za-z_$][\w$]*)[ \t]*:[ \t]*` +
  String.raw`[A-Za-z_$][\w$.]*(?:<[^\n=;]*?>|\[[^\n=;\]]*\])*(?:[ \t]*\|[ \t]*[A-Za-z_$][\w$.]*(?:<[^\n=;]*?>|\[[^\n=;\]]*\])*)*)?`;
/**
 * Assignments: `x = …`, `x.field = …`, `x[k] = …` (also `x[order[i]] = …`), `{ a, b } = …`, `a, b = …`, `x += …`,
 * `const x: T = …`.
 */
const ASSIGN = new RegExp(
  String.raw`(?<![\w$.])([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[(?:[^[\]\n]|\[[^[\]\n]*\])*\])*|\{[^}\n]*\}|\[[^\]\n]*\]|[A-Za-z_$][\w$]*(?:[ \t]*,[ \t]*[A-Za-z_$][\w$]*)+)` +
    TYPED +
    String.raw`\s*(?:[-+*|]|\?\?)?=(?![=>])[ \t]*([^\n;]+|\n[^\n;]*)`,
  'g',
);
/** Loop variables: `for (const x of xs)`, `for x in xs:`; callback parameters: `xs.map((x) =>`, `xs.forEach(x =>`. */
const EACH =
  /\bfor\s*\(?\s*(?:const|let|var)?\s*([^\n]*?)\s+(?:of|in)\s+([^\n]*)|([A-Za-z_$][\w$]*)(?:\s*\.\s*[\w$]+)*\s*\.\s*(?:map|flatMap|forEach|filter|find)\s*\(\s*(?:async\s*)?\(?\s*([\w$,\s{}]*?)\s*\)?\s*=>/g;

/** Mutating calls on a name or a part of it: `rows.append(x)`, `self.report["a"].append(x)`, `m.set(k, v)`. */
const MUTATE =
  /(?<![\w$.])([A-Za-z_$][\w$]*)(?:\s*\.\s*([A-Za-z_$][\w$]*))?(?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[[^\]\n]*\])*\s*\.\s*(?:append|push|extend|add|set|update|insert|unshift|put)\s*\(([^\n]*)/g;

/** `Object.assign(target, …sources)`: the sources' entries written into `target`. */
const OBJECT_ASSIGN = /(?<![\w$.])Object\s*\.\s*assign\s*\(\s*([A-Za-z_$][\w$]*)\s*,([^\n]*)/g;

/** The object a write goes into: `rows`, or for `self.report[...]` the attribute `report`. */
function ownerOf(base: string, attr: string | undefined): string {
  return /^(?:self|this)$/.test(base) && attr ? attr : base;
}

interface Step {
  /** Where it is in the region (steps are followed in text order). */
  at: number;
  left: string[];
  /** The object written into, for `x.field = …` / `x[k] = …`. */
  base?: string;
  right: Set<string>;
}

const identifiers = (s: string): string[] => s.match(/[A-Za-z_$][\w$]*/g) ?? [];

/**
 * Whether a value derived from the per-item answer is stored: the response (in the function
 * holding the call, from the call on) or what the loop gets back (the function called in it,
 * the fan-out's value; from the fan-out to the end of its function) followed through
 * assignments, loop variables, callback parameters and writes into objects (`ex.summary =
 * r.summary` marks `ex` and what `ex` was taken from, `data`), to a write whose statement
 * names one of them, or to a same-file function whose body writes, called with one of them.
 */
function derivedStored(ctx: FileContext, r: PerItem): boolean {
  const response = assignedName(ctx, r.call.node);
  const worker = poolWorker(ctx, r.construct);
  const scope = enclosingFunction(worker ?? r.construct);
  if (response) {
    // (`r.via` holds the call, also through a thunk it hands an executor: `lambda: client.messages.create(…)`)
    const end = r.via ? endOf(r.via) : endOf(r.construct);
    const outer = r.via ? undefined : outermostLoop(r.construct);
    // (what the loop collects the answers into, `claude_rows.append(post)`, for after it)
    const kept = new Set<string>();
    if (
      storesDerived(
        ctx,
        r.call.node.startIndex,
        end,
        new Set([response]),
        new Set(),
        outer || r.via ? kept : undefined,
      )
    ) {
      return true;
    }
    // The function holding the request writes the answer into an object its caller handed it
    // (`frame.at[idx, "answer"] = reply…` in `answer_row(frame, idx, row, pool)`), which the
    // caller stores after the fan-out (`frame.to_csv(…)`).
    if (r.via && scope && kept.size > 0 && handedBackStored(ctx, r.via, kept, r, scope)) {
      return true;
    }
    // Collected in the loop, handed after it to a same-file helper that writes
    // (`merge_labeled(human_rows, claude_rows, OUTPUT_PATH)`).
    if (outer === r.construct && kept.size > 0) {
      if (storesDerived(ctx, endOf(outer), scope ? endOf(scope) : ctx.text.length, kept)) {
        return true;
      }
    }
    // A loop inside a per-item loop (`for i in range(n)` samples per instance): what the outer
    // loop collects (`new_json.append(instance)`) is written after it.
    if (outer && outer !== r.construct) {
      const held = new Set<string>();
      if (
        storesDerived(ctx, r.call.node.startIndex, endOf(outer), new Set([response]), new Set(), held) ||
        (held.size > 0 && storesDerived(ctx, endOf(outer), scope ? endOf(scope) : ctx.text.length, held))
      ) {
        return true;
      }
    }
  }
  const seeds = new Set<string>();
  // Written into an item (`vote.summary = await summarize(vote)`): the item and the list it came from.
  const into = new Set<string>();
  const constructAssigned = assignedName(ctx, r.construct);
  if (constructAssigned) {
    seeds.add(constructAssigned);
  }
  const called = r.outer ?? r.viaName;
  if (called) {
    // Its value used in place: `outputs.append({"id": i, "text": simplify(row)})`.
    seeds.add(called);
    for (const at of ctx.wordsOf(called)) {
      if (at < r.construct.startIndex || at >= endOf(r.construct)) {
        continue;
      }
      const site = ctx.nodeAt(at);
      const call = site ? callAround(site) : null;
      const result = call ? assignedName(ctx, call) : undefined;
      if (result) {
        seeds.add(result);
      }
      const holder = call ? assignedHolder(ctx, call) : undefined;
      if (holder) {
        into.add(holder);
      }
    }
  }
  // What the functions in between get back (`pred = ask(text)` in a nested worker that then
  // writes `df.at[i, col] = pred`): read from the start of the function holding the fan-out.
  // (from the statement holding the fan-out: `out.push(...(await Promise.all(xs.map(f))))`)
  // (a pool's worker: from the statement starting the pool, `const workers = Array.from(…)`)
  let from = worker ? statementAround(worker) : statementStart(r.construct);
  for (const hop of r.hops ?? []) {
    const call = callAround(hop);
    const result = call ? assignedName(ctx, call) : undefined;
    if (result && scope && hop.startIndex >= scope.startIndex && hop.startIndex < endOf(scope)) {
      seeds.add(result);
      from = Math.min(from, hop.startIndex);
      continue;
    }
    // (a function between the loop and the request stores what it got back: `content = await
    // generate(intent)` then `await savePage(intent, content)` in `processIntent`)
    const between = result ? enclosingFunction(hop) : null;
    const held = new Set<string>();
    if (
      between &&
      storesDerived(ctx, hop.startIndex, endOf(between), new Set([result as string]), new Set(), held)
    ) {
      return true;
    }
    // (or writes it into an object its caller handed it, `found[item["key"]] = …` in a worker
    // given `found`, which the caller stores after the fan-out)
    if (between && held.size > 0 && scope && handedBackStored(ctx, between, held, r, scope)) {
      return true;
    }
  }
  return (
    seeds.size + into.size > 0 &&
    storesDerived(ctx, from, scope ? endOf(scope) : ctx.text.length, seeds, into)
  );
}

/**
 * Whether a function between the loop and the request writes an answer into one of its
 * parameters (`held`) whose argument, where the fan-out calls it, the fan-out's function
 * stores after it: `tidy_slice(client, gate, rows, found)` filling `found[key]`, then
 * `writer.writerow({…: found.get(id)})`.
 */
function handedBackStored(
  ctx: FileContext,
  between: Node,
  held: Set<string>,
  r: PerItem,
  scope: Node,
): boolean {
  const name = functionName(between, ctx.text);
  const def = name
    ? callGraph(ctx)
        .byName.get(name)
        ?.find((f) => f.start === between.startIndex)
    : undefined;
  if (!def || !name) {
    return false;
  }
  const skip = ctx.python && /^(?:self|cls)$/.test(def.params[0] ?? '') ? 1 : 0;
  const indexes = def.params.map((p, i) => (held.has(p) ? i - skip : -1)).filter((i) => i >= 0);
  const given = new Set<string>();
  for (const { start, paren } of indexes.length ? ctx.callsOf(name).slice(0, 16) : []) {
    if (start < r.construct.startIndex || start >= endOf(r.construct)) {
      continue;
    }
    const call = callAround(ctx.nodeAt(paren) ?? r.construct);
    const args = call ? positionalArgs(call) : [];
    for (const i of indexes) {
      const arg = args[i] ? unwrap(args[i]) : null;
      if (arg && kind(arg) === 'identifier') {
        given.add(ctx.textOf(arg));
      }
    }
  }
  return given.size > 0 && storesDerived(ctx, endOf(r.construct), endOf(scope), given);
}

/**
 * An assignment's right side through the lines its open brackets span (`x = await f(\n  a,\n  b\n)`),
 * at most 800 characters further.
 */
function wholeRight(text: string, end: number, first: string): string {
  const open = openString(first);
  if (open) {
    // (a template or triple-quoted string that goes on past the line: `md = \`# ${title}` … `${text}\``)
    const close = text.slice(end, end + MULTILINE_STRING).indexOf(open);
    return close >= 0 ? first + text.slice(end, end + close + open.length) : first;
  }
  let depth = 0;
  for (const c of first) {
    depth += c === '(' || c === '[' || c === '{' ? 1 : c === ')' || c === ']' || c === '}' ? -1 : 0;
  }
  if (depth <= 0) {
    return first;
  }
  const limit = Math.min(text.length, end + 800);
  let i = end;
  for (; i < limit && depth > 0; i++) {
    const c = text[i];
    depth += c === '(' || c === '[' || c === '{' ? 1 : c === ')' || c === ']' || c === '}' ? -1 : 0;
  }
  return first + text.slice(end, i);
}

/** How far a multi-line template or triple-quoted string on the right of an assignment is read. */
const MULTILINE_STRING = 4000;

/** The delimiter of a template literal (`` ` ``) or triple-quoted string left open at the end of a line's text. */
function openString(first: string): string | undefined {
  for (const quote of ['`', '"""', "'''"]) {
    if (first.split(quote).length % 2 === 0) {
      return quote;
    }
  }
  return undefined;
}

/** The outermost `for`/`while` loop around a node within its function (the node itself when none). */
function outermostLoop(node: Node): Node {
  let out = node;
  for (let n = up(node); n && !FUNCTION_TYPES.has(kind(n)); n = up(n)) {
    if (/^(?:for_statement|for_in_statement|while_statement|do_statement)$/.test(kind(n))) {
      out = n;
    }
  }
  return out;
}

/** The object a call's value is written into: `vote` in `vote.summary = await f(vote)` / `row["label"] = f(row)`. */
function assignedHolder(ctx: FileContext, node: Node): string | undefined {
  for (let n = up(node), i = 0; n && i < 4; n = up(n), i++) {
    const k = kind(n);
    if (k === 'assignment' || k === 'assignment_expression') {
      const left = ctx.textOf(n.childForFieldName('left')).trim();
      return /^([A-Za-z_$][\w$]*)\s*(?:\.|\[)/.exec(left)?.[1];
    }
    if (k.endsWith('statement') || k === 'block' || k === 'statement_block') {
      return undefined;
    }
  }
  return undefined;
}

/** The list a Python comprehension on one line takes its items from: `store` in `[q for q in store.get("quotes", []) if …]`. */
function comprehensionSource(right: string): string | undefined {
  return /^\s*[[({][^\n]*?\bfor\b[^\n]*?\bin\s+([A-Za-z_]\w*)/.exec(right)?.[1];
}

/** Names that are modules or built-ins, never the list an item was taken from. */
const NOT_A_HOLDER =
  /^(?:JSON|Object|Array|Math|Promise|Date|Number|String|Map|Set|json|pd|np|os|fs|path|re|yaml|pickle|csv|requests|self|this|await|new|super|process|console|window|document|async|yield|lambda|not|None|null|undefined)$/;

/**
 * Whether a value derived from `seeds` (or written into `into`) is stored between two
 * offsets. `held`, when given, receives the objects results were written into.
 */
function storesDerived(
  ctx: FileContext,
  from: number,
  to: number,
  seeds: Set<string>,
  into: Set<string> = new Set(),
  held?: Set<string>,
  helpers = true,
): boolean {
  return writesNamed(ctx, from, to, deriveNames(ctx, from, to, seeds, into, held), helpers);
}

/**
 * The names a value derived from `seeds` reaches between two offsets (assignments, loop
 * variables, callback parameters, writes into objects and the lists items came from).
 */
function deriveNames(
  ctx: FileContext,
  from: number,
  to: number,
  seeds: Set<string>,
  into: Set<string> = new Set(),
  held?: Set<string>,
  merges = true,
): Set<string> {
  const text = ctx.text.slice(from, to);
  const steps: Step[] = [];
  const roots = new Map<string, string>();
  for (const m of text.matchAll(ASSIGN)) {
    if (ctx.python && /[(,][ \t]*$/.test(text.slice(Math.max(0, m.index - 20), m.index))) {
      continue; // a keyword argument (`partial(grade, judge=ask)`), not an assignment
    }
    const member = /^([A-Za-z_$][\w$]*)\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[)/.exec(m[1]);
    const right = identifiers(wholeRight(text, m.index + m[0].length, m[2]));
    if (member) {
      steps.push({ at: m.index, left: [], base: ownerOf(member[1], member[2]), right: new Set(right) });
    } else {
      const left = identifiers(m[1]);
      steps.push({ at: m.index, left, right: new Set(right) });
      if (left.length === 1 && right[0]) {
        // `ex = data.exercises.find(…)`: `ex` is part of `data`; `todo = [q for q in store["quotes"] if …]`: of `store`
        roots.set(left[0], (ctx.python ? comprehensionSource(m[2]) : undefined) ?? right[0]);
      }
    }
  }
  // `rows.append(row)`, `self.report["answers"].append({...})`, `seen.set(id, answer)`
  // (through the lines its arguments span: `messages.append({\n "text": text,\n })`, `buf.push(\n `…${r.summary}`\n)`)
  for (const m of text.matchAll(MUTATE)) {
    const right = identifiers(wholeRight(text, m.index + m[0].length, `(${m[3]}`));
    steps.push({ at: m.index, left: [], base: ownerOf(m[1], m[2]), right: new Set(right) });
  }
  // `Object.assign(done, await translate(chunk))`: the answer merged into `done`.
  for (const m of text.matchAll(OBJECT_ASSIGN)) {
    const right = identifiers(wholeRight(text, m.index + m[0].length, `(${m[2]}`));
    steps.push({ at: m.index, left: [], base: m[1], right: new Set(right) });
  }
  if (merges) {
    steps.push(...mergeSteps(ctx, from, to));
  }
  for (const m of text.matchAll(EACH)) {
    const step =
      m[1] !== undefined
        ? { at: m.index, left: identifiers(m[1]), right: new Set(identifiers(m[2])) }
        : { at: m.index, left: identifiers(m[4] ?? ''), right: new Set([m[3]]) };
    steps.push(step);
    // `for (const vote of missing)`: a write into `vote` is a write into `missing`.
    const list =
      m[1] !== undefined
        ? identifiers(m[2]).find((n) => !/^(?:enumerate|zip|tqdm|await|range|len)$/.test(n))
        : m[3];
    // (a callback's item is its first parameter: `part.forEach((note, i) => …)`)
    const bound = step.left.filter((n) => !/^(?:const|let|var)$/.test(n));
    const item = m[1] !== undefined ? bound.pop() : bound[0];
    if (item && list && !roots.has(item)) {
      roots.set(item, list);
    }
  }
  // Lists named before the region (`missing = votes.filter(...)` above the loop), read from the start of its function
  // (once: for items written into, or for the first write into an object the region does not name the source of:
  // `topics[ti]["summary"] = label` after `topics = store.get("topics", [])`, `store` then written).
  let before = false;
  const readBefore = (): void => {
    if (before) {
      return;
    }
    before = true;
    const inRegion = new Set(roots.keys());
    const around = ctx.nodeAt(from);
    let home = around ? enclosingFunction(around) : null;
    if (home && home.startIndex === from) {
      home = enclosingFunction(home); // (a region opening with a nested worker's `def`: its parent's lists)
    }
    const fnStart = home?.startIndex ?? 0;
    for (const m of ctx.text.slice(fnStart, from).matchAll(ASSIGN)) {
      const left = identifiers(m[1]);
      const right = identifiers(m[2]).filter((n) => !/^(?:await|new)$/.test(n));
      if (left.length === 1 && right[0] && !/[.[]/.test(m[1]) && !inRegion.has(left[0])) {
        roots.set(left[0], (ctx.python ? comprehensionSource(m[2]) : undefined) ?? right[0]);
      }
    }
  };
  if (into.size > 0) {
    readBefore();
  }
  // The chain an item came from: `vote` → `missing` → `votes` (`missing = votes.filter(...)`).
  const chain = (name: string): string[] => {
    const out = [name];
    for (
      let n = roots.get(name), i = 0;
      n && i < 4 && !NOT_A_HOLDER.test(n) && !out.includes(n);
      n = roots.get(n), i++
    ) {
      out.push(n);
    }
    return out;
  };
  const names = new Set(seeds);
  for (const n of into) {
    chain(n).forEach((c) => names.add(c));
  }
  // (in text order, so a chain of loops and assignments is followed in one pass)
  steps.sort((a, b) => a.at - b.at);
  for (let pass = 0, grew = true; pass < 3 && grew; pass++) {
    grew = false;
    for (const step of steps) {
      if (![...step.right].some((n) => names.has(n))) {
        continue;
      }
      if (step.base && !roots.has(step.base) && merges) {
        readBefore();
      }
      const add = (step.base ? chain(step.base) : step.left).filter((n) => !/^(?:self|this)$/.test(n));
      if (step.base && held) {
        add.forEach((n) => held.add(n));
      }
      for (const n of add) {
        if (!names.has(n)) {
          names.add(n);
          grew = true;
        }
      }
    }
  }
  return names;
}

/**
 * Calls between two offsets of same-file functions that write one argument into another
 * (`mergeDoc(corpus, doc)` whose body does `slot[doc.year] = doc`, `slot` taken from `corpus`):
 * each a write into the receiving argument of what the given one holds. Offsets relative to `from`.
 */
function mergeSteps(ctx: FileContext, from: number, to: number): Step[] {
  const out: Step[] = [];
  const graph = callGraph(ctx);
  for (const site of sitesWithin(ctx, from, to)) {
    const fn = (graph.byName.get(site.name) ?? []).find((f) => f.params.length > 1);
    const pairs = fn ? mergePairs(ctx, fn) : [];
    const call = pairs.length ? siteCall(ctx, site.at) : null;
    const args = call ? positionalArgs(call) : [];
    for (const [given, receiving] of pairs) {
      const base = args[receiving] ? ctx.textOf(args[receiving]) : '';
      if (args[given] && /^[A-Za-z_$][\w$]*$/.test(base)) {
        out.push({
          at: site.at - from,
          left: [],
          base,
          right: new Set(identifiers(ctx.textOf(args[given]))),
        });
      }
    }
  }
  return out;
}

/**
 * The parameters a same-file function (no Claude call of its own) writes into from another of
 * them, as [given, receiving] positions: `function mergeDoc(corpus, doc) { const slot =
 * corpus.byYear; slot[doc.year] = doc }` gives [1, 0]. Read once per function (its first four
 * parameters, after `self`/`cls`; its first 4,000 characters).
 */
function mergePairs(ctx: FileContext, fn: LocalFunction): Array<[number, number]> {
  return ctx.memo(`batchable-merges:${fn.start}`, () => {
    const out: Array<[number, number]> = [];
    const skip = ctx.python && /^(?:self|cls)$/.test(fn.params[0] ?? '') ? 1 : 0;
    const params = fn.params.slice(skip, skip + 4);
    if (fn.claude.length > 0 || params.length < 2) {
      return out;
    }
    const end = Math.min(fn.end, fn.start + 4000);
    params.forEach((param, given) => {
      const held = new Set<string>();
      deriveNames(ctx, fn.start, end, new Set([param]), new Set(), held, false);
      params.forEach((other, receiving) => {
        if (receiving !== given && held.has(other)) {
          out.push([given, receiving]);
        }
      });
    });
    return out;
  });
}

/**
 * Whether each request feeds on earlier answers: the call in the loop is handed a name kept
 * across turns (not the loop's item, not set fresh in the turn) that the loop then fills from
 * the answer (`generate(topic, used_ids)` … `used_ids.add(q.id)`; `messages=history` …
 * `history.append(reply)`). A chain of dependent calls cannot go out as one batch.
 */
function dependentChain(ctx: FileContext, r: PerItem): boolean {
  const called = r.outer ?? r.viaName;
  // Once per loop and function called in it (or per call made in the loop itself).
  return ctx.memo(`batchable-dependent:${r.construct.startIndex}:${called ?? r.call.node.startIndex}`, () =>
    feedsBack(ctx, r, called),
  );
}

/**
 * Whether the name ending at `end` of a value is subscripted by a loop variable (`rows[i]`,
 * `df[start:end]`): the turn's item read from the data, not what earlier turns added.
 */
function itemRead(value: string, end: number, loopVars: ReadonlySet<string>): boolean {
  const m = /^\s*\[([^\]\n]{1,80})\]/.exec(value.slice(end, end + 90));
  return !!m && identifiers(m[1]).some((n) => loopVars.has(n));
}

/**
 * Names of running counts and budgets: `current_tokens`, `tokens_used`, `totalCost`, `n_calls`, `elapsed` (not
 * `used` or `seen`: a set of what earlier answers picked is a chain).
 */
const COUNTER_NAME =
  /(?:^|_)(?:tokens?|count|counter|total|budget|usage|cost|spent|elapsed)(?:_|$)|[a-z](?:Tokens|Count|Counter|Total|Budget|Usage|Cost|Spent|Elapsed)$|^(?:n|num)_/;

/** Loop variables in a loop's text: `for x, y in`, `for (const [k, v] of`, `for (let i = 0;`. */
const INNER_LOOP_VARS =
  /\bfor\s+([\w, ()]+?)\s+in\b|\bfor\s*\(\s*(?:const|let|var)\s+([\w$, [\]{}]+?)\s*(?:of\b|in\b|=)/g;

/** Words of the languages that read as names in a value's text. */
const KEYWORDS = new Set([
  'if',
  'else',
  'not',
  'and',
  'or',
  'in',
  'is',
  'None',
  'True',
  'False',
  'await',
  'new',
  'typeof',
  'null',
  'undefined',
  'true',
  'false',
  'lambda',
  'for',
  'of',
]);

/** A word in key position, at the end of a stretch: `{ take:`, `, where:`, `(limit=` (not `==`). */
const KEY_AT = /[{,(]\s*[A-Za-z_$][\w$]*\s*(?::(?!:)|=(?!=))[^]{0,3}$/;

/**
 * An assigned value's text from `at` to the end of its statement: on to the bracket that closes
 * what its line leaves open (`TEMPLATE.format(` … `)` over several lines), at most 600 characters.
 */
function statementValue(text: string, at: number): string {
  let depth = 0;
  const end = Math.min(text.length, at + 600);
  for (let i = at; i < end; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if ((c === '\n' || c === ';') && depth <= 0) return text.slice(at, i);
  }
  return text.slice(at, end);
}

/**
 * Whether the loop breaks on what its request answered: a `break` (or `return`) under an `if`
 * whose condition reads the answer or a name derived from it in the loop (`if "I am done" in
 * reply: break`). The items are not independent: whether the next one is sent waits on this answer.
 */
function stopsOnAnswer(ctx: FileContext, r: PerItem): boolean {
  const loop = r.construct;
  const body = loop.childForFieldName('body');
  if (!body || !/\bbreak\b/.test(ctx.textOf(body))) {
    return false;
  }
  return ctx.memo(`batchable-stops-on-answer:${loop.startIndex}:${r.call.node.startIndex}`, () => {
    const site = r.call.node.startIndex >= loop.startIndex ? r.call.node : null;
    const results = site ? assignedNames(ctx, site) : [];
    if (results.length === 0) {
      return false;
    }
    const derived = deriveNames(
      ctx,
      site!.startIndex,
      endOf(loop),
      new Set(results),
      new Set(),
      undefined,
      false,
    );
    for (const m of ctx.text.slice(site!.startIndex, endOf(loop)).matchAll(/\bbreak\b/g)) {
      const at = site!.startIndex + (m.index ?? 0);
      if (ctx.inCommentOrString(at)) {
        continue;
      }
      // The `if` the break is under (its condition), a few levels up and inside the loop.
      for (let n = ctx.nodeAt(at), i = 0; n && i < 6 && n.startIndex > loop.startIndex; n = up(n), i++) {
        if (kind(n) === 'if_statement') {
          const cond = n.childForFieldName('condition');
          if (cond && identifiers(ctx.textOf(cond)).some((id) => derived.has(id) || results.includes(id))) {
            return true;
          }
          break;
        }
      }
    }
    return false;
  });
}

function feedsBack(ctx: FileContext, r: PerItem, called: string | undefined): boolean {
  const loop = r.construct;
  const sites: Node[] = [];
  if (called) {
    for (const at of ctx.wordsOf(called)) {
      const site = at >= loop.startIndex && at < endOf(loop) ? ctx.nodeAt(at) : null;
      const call = site ? callAround(site) : null;
      if (call) {
        sites.push(call);
      }
    }
  } else if (r.call.node.startIndex >= loop.startIndex) {
    sites.push(r.call.node);
  }
  const header = ctx.text.slice(
    loop.startIndex,
    loop.childForFieldName('body')?.startIndex ?? loop.startIndex,
  );
  const loopVars = new Set(identifiers(header));
  // (and the counters of loops inside it: `for i in range(0, len(items), n)` in a `while` over pages)
  for (const m of ctx.textOf(loop).matchAll(INNER_LOOP_VARS)) {
    identifiers(m[1] ?? m[2]).forEach((n) => loopVars.add(n));
  }
  for (const site of sites) {
    const args = ctx.python ? argumentList(site) : site.childForFieldName('arguments');
    const bare = new Set<string>();
    // (names, not words of the prompt text: `For each article, …` in a template)
    // (also a name read through a subscript: `msg_history=msg_history[-1:]`)
    for (const m of ctx.textOf(args).matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)(?=\s*[,)}\][]|\s*$)/g)) {
      if (args && !ctx.inCommentOrString(args.startIndex + (m.index ?? 0))) {
        bare.add(m[1]);
      }
    }
    // Set fresh in the turn, before the call: not carried over, unless made from a name that is
    // (`context = all_previous if all_previous else None`, `prompt = TEMPLATE.format(prev=prev_ideas)`:
    // then that name is what the request reads). Read in text order, each value to its closing bracket.
    const turn = ctx.text.slice(loop.startIndex, site.startIndex);
    const madeFrom = new Map<string, string[]>();
    for (const m of turn.matchAll(ASSIGN)) {
      // (a keyword argument, `prev=prev` in a call, sets nothing; nor does the statement whose value is the
      // call itself, `reply, history = ask(…)`, cut at the call: its names are the answer)
      if (!m[2].trim() || /[(,]\s*$/.test(turn.slice(Math.max(0, (m.index ?? 0) - 40), m.index))) {
        continue;
      }
      const at = (m.index ?? 0) + m[0].length - m[2].length;
      // (`+=` adds to what was there: carried)
      if (/(?:[-+*|]|\?\?)=[ \t]*$/.test(m[0].slice(0, m[0].length - m[2].length))) {
        continue;
      }
      const value = statementValue(turn, at);
      // (values read, not words of the prompt text around them, keys (`{ take: 30 }`, `limit=30`),
      // functions called or objects whose members are: `prisma.conversation.findMany(…)`)
      const read = [...value.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*(?![\w$'"`]|\s*[.(])/g)]
        .filter((w) => !KEYWORDS.has(w[0]) && !itemRead(value, (w.index ?? 0) + w[0].length, loopVars))
        .filter(
          (w) =>
            !KEY_AT.test(value.slice(Math.max(0, (w.index ?? 0) - 80), (w.index ?? 0) + w[0].length + 3)),
        )
        .filter((w) => !ctx.inCommentOrString(loop.startIndex + at + (w.index ?? 0)))
        .map((w) => w[0]);
      // (every value a name is given in the turn: `if first: prompt = A.format(prev=ideas) else: prompt = B`)
      for (const n of identifiers(m[1])) {
        madeFrom.set(n, [...(madeFrom.get(n) ?? []), ...read.filter((v) => v !== n)]);
      }
    }
    for (let pass = 0; pass < 3; pass++) {
      for (const n of [...bare]) {
        const from = madeFrom.get(n);
        if (from) {
          bare.delete(n);
          from.forEach((v) => bare.add(v));
        }
      }
    }
    madeFrom.forEach((_, n) => bare.delete(n));
    // (a running count handed back, `message, current_tokens = ask(row, current_tokens)`, or a name
    // started at a number before the loop, `used = 0`, paces the requests: it carries no answer)
    const before = ctx.text.slice(
      Math.max(enclosingFunction(loop)?.startIndex ?? 0, loop.startIndex - 20_000),
      loop.startIndex,
    );
    for (const n of bare) {
      if (
        COUNTER_NAME.test(n) ||
        new RegExp(`(?<![\\w$.])${escapeRegExp(n)}[ \\t]*(?::[^=\\n]{1,40})?=[ \\t]*\\d`).test(before)
      ) {
        bare.delete(n);
      }
    }
    loopVars.forEach((n) => bare.delete(n));
    if (bare.size === 0) {
      continue;
    }
    // (each name the answer is unpacked into: `reply, history = ask(…, history=history)`)
    const results = assignedNames(ctx, site);
    const seeds = new Set([...results, ...(called ? [called] : [])]);
    if (seeds.size === 0) {
      continue;
    }
    // (from the statement's start: `const { items: batch, usage } = await generate(...)` binds before the call)
    let stmt: Node = site;
    for (let n = up(site), i = 0; n && i < 6 && n.startIndex >= loop.startIndex; n = up(n), i++) {
      stmt = n;
      if (/statement$|^lexical_declaration$|^variable_declaration$/.test(kind(n))) {
        break;
      }
    }
    // (not through merge helpers: a list merged into and handed back, `merge_result(res, each)` …
    // `single_request(…, res)`, is read for what is done, not fed to the next request)
    const derived = deriveNames(ctx, stmt.startIndex, endOf(loop), seeds, new Set(), undefined, false);
    // (a request that reads its own previous answer, `history = ask(history)`, feeds back too)
    if ([...bare].some((n) => derived.has(n) && n !== called)) {
      return true;
    }
  }
  return false;
}

/**
 * Helpers named for storing (`supaInsert`, `save_row`, `updateRecord`), or for sending a result
 * to a data API (`postTaglineToWP`, `pushToCms`, `upload_result`).
 */
const STORE_NAME =
  /insert|upsert|update|save|store|write|persist|^(?:post|put|patch|push|upload|sync)(?:[A-Z_]|$)/i;
/**
 * Whether an HTTP write's statement goes to a chat or a webhook: named there, or through a name
 * assigned such a URL (`HOOK = process.env.SLACK_WEBHOOK_URL`).
 */
function notifies(ctx: FileContext, statement: string, at: number): boolean {
  if (NOTIFY.test(statement)) {
    return true;
  }
  return [...new Set(identifiers(statement))].slice(0, 16).some((id) => {
    const value = lastAssignedValue(ctx, id, 0, at);
    return !!value && NOTIFY.test(ctx.textOf(value));
  });
}

/**
 * A function from another module named for storing, optionally after a store's name:
 * `insertRows`, `save_results`, `persist`, `d1Execute`, `dbInsert`, `supaUpsert` (not `update…`,
 * which also names progress bars and counters, nor `exec`, a shell command; `execute` only after a
 * store's name, given the statements by name: a bare `execute('SELECT …')` may read).
 */
const IMPORTED_STORE =
  /^(?:(?:d1|db|sql|pg|supa|supabase|mongo|kv)(?:Insert|Upsert|Save|Store|Persist|Execute)|(?:d1|db|sql|pg|supa|supabase|mongo|kv)_execute|(?:(?:d1|db|sql|pg|supa|supabase|mongo|kv)_)?(?:insert|upsert|save|store|persist))(?:[A-Z_][\w$]*)?$/;

/**
 * `update…` naming a record (`updateEnrichment(id, fields)`, `update_product(row)`): a write only
 * when imported from the project's own database module (see `importedFromStoreModule`), as
 * progress bars and counters are `update…` too.
 */
const IMPORTED_UPDATE = /^update(?:[A-Z]|_[a-z])[\w$]*$/;
/** A segment of a project database module's path: `../lib/db`, `@/db/queries`, `app.database`, `.store`, `@/lib/repo/…`. */
const STORE_MODULE =
  /^(?:db|database|store|storage|persistence|repo|repository|repositories|dao|queries|supabase|prisma|mongo|firestore|sqlite|postgres|pg)(?:[-_.](?:client|utils|helpers|ops|operations))?(?:\.[cm]?[jt]sx?)?$/i;

/**
 * Whether `name` is imported from the project's own database module: a relative (`./`, `../`,
 * `@/`, `~/`, `.` in Python) or a plain local module path (`from db import update_row`) one of whose
 * segments names a store (see {@link STORE_MODULE}). Read once per name, by one scan of the text.
 */
function importedFromStoreModule(ctx: FileContext, name: string): boolean {
  const known = ctx.memo('batchable-store-imports', () => new Map<string, boolean>());
  let found = known.get(name);
  if (found === undefined) {
    // (each name is one scan of the text: a few names a file, so it stays linear)
    found = known.size < 16 && storeModuleImport(ctx, name);
    known.set(name, found);
  }
  return found;
}

/** `importedFromStoreModule`, read from the text (the `import`/`from`/`require` naming `name`). */
function storeModuleImport(ctx: FileContext, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  const m = new RegExp(
    // (Each part bounded, so a crafted text of unclosed `import {` stays linear.)
    `^[ \\t]*from[ \\t]+([\\w.]+)[ \\t]+import[^\\n]{0,1000}?\\b${n}\\b|\\bimport\\s*\\{[^}]{0,2000}?\\b${n}\\b[^}]{0,2000}\\}\\s*from\\s*['"]([^'"]+)['"]|\\b${n}\\b[^\\n]{0,200}=\\s*require\\s*\\(\\s*['"]([^'"]+)['"]`,
    'm',
  ).exec(ctx.text);
  const path = m?.[1] ?? m?.[2] ?? m?.[3];
  if (!m || !path) {
    return false;
  }
  const own = m[1] !== undefined || /^(?:\.{1,2}\/|[@~]\/)/.test(path);
  // (the module itself or a folder it sits in: `@/lib/repo/ingest`, `app.db.cases`)
  const segments = (m[1] !== undefined ? path.split('.') : path.split('/')).filter(
    (p) => p && !/^\.+$|^[@~]$/.test(p),
  );
  return own && segments.some((seg) => STORE_MODULE.test(seg));
}

/**
 * A called name (`save_rows(`, `this.persist(`), captured: a new pattern each time, as scans of
 * it nest (a helper's body is read while the caller's range is scanned).
 */
const calledNames = (): RegExp => /(?<![\w$.])(?:(?:self|this)\s*\.\s*)?([A-Za-z_$][\w$]*)\s*\(/g;

/**
 * Whether `name(…)`, its arguments starting at `args`, calls a function imported to write to a
 * store: named for storing (`d1Execute(batch)`, `save_rows(rows)`, `upsertBrand(…)`) and imported,
 * or an `update…` imported from the project's database module (`updateCaseFields(id, …)`). Not a
 * same-file function (read for its own writes), nor a statement text given in place, which the
 * sink patterns read (`execute('SELECT …', [text])` is no write).
 */
function importedStoreCall(ctx: FileContext, name: string, args: number): boolean {
  const literal = /execute/i.test(name) && /^\s*['"`]/.test(ctx.text.slice(args, args + 40));
  return (
    (IMPORTED_STORE.test(name) || IMPORTED_UPDATE.test(name)) &&
    !literal &&
    !callGraph(ctx).byName.has(name) &&
    (IMPORTED_UPDATE.test(name) ? importedFromStoreModule(ctx, name) : importsName(ctx, name))
  );
}

/** A request to a model API (this one, or another provider's): not a store. */
const NOT_A_STORE = /anthropic|\/v1\/|completions|\bchat\b|generate/i;
/** Posting to a chat or a webhook: a notification someone reads as it comes, not a store. */
const NOTIFY = /slack|discord|telegram|webhook|notif|chat\.postMessage|sendMessage/i;
/** An HTTP write: `method: 'POST'` (also PATCH/PUT), `requests.post(`, `axios.put(`. */
const HTTP_WRITE =
  /\bmethod\s*[:=]\s*['"](?:POST|PATCH|PUT)['"]|\b(?:axios|requests|httpx|session)\s*\.\s*(?:post|patch|put)\s*\(/i;

/** An HTTP client's write call: `requests.patch(`, `httpx.post(`, `session.put(`, `axios.post(`. */
const HTTP_WRITE_CALL = /\b(?:axios|requests|httpx|session)\s*\.\s*(?:post|patch|put)\s*\(/;
/** A request body naming a model or a conversation: a call to a model API, not a store. */
const MODEL_BODY = /(?:['"]|\b)(?:model|messages)['"]?\s*:/;
/** A model API's URL (a data API's `/rest/v1/...` is not one). */
const MODEL_URL = /anthropic|openai|completions|generat|\/v1\/messages|\/chat\b|\binvoke/i;

/**
 * Whether an HTTP client's write call at `at` sends one of `names` (in its arguments) to a
 * data API: not to a model API (its URL, or the value of a name in it: `URL =
 * "https://api.openai.com/..."`; a body naming a model or messages), not to a chat or a webhook.
 */
function httpStores(ctx: FileContext, at: number, names: Set<string>): boolean {
  const call = callAround(ctx.nodeAt(at) ?? ctx.root);
  const args = call ? (ctx.python ? argumentList(call) : call.childForFieldName('arguments')) : null;
  const url = call ? positionalArgs(call)[0] : undefined;
  const sent = ctx.textOf(args);
  if (!url || !identifiers(sent).some((n) => names.has(n)) || MODEL_BODY.test(sent)) {
    return false;
  }
  const target = ctx.textOf(url);
  return (
    !MODEL_URL.test(target) &&
    !notifies(ctx, statementText(ctx, at), at) &&
    ![...new Set(identifiers(target))].slice(0, 8).some((id) => {
      const value = lastAssignedValue(ctx, id, 0, at);
      return !!value && MODEL_URL.test(ctx.textOf(value));
    })
  );
}

/**
 * Whether a same-file helper's body writes: a sink, or, for a helper named for storing
 * (`supaInsert(table, row)`), an HTTP write to a data API (`fetch(url, { method: 'POST', body })`)
 * other than Claude's. Read once per helper.
 */
function helperWrites(
  ctx: FileContext,
  fn: { start: number; end: number; name: string },
  sink: RegExp,
): boolean {
  return ctx.memo(`batchable-writes:${fn.start}`, () => {
    const body = ctx.text.slice(fn.start, fn.end);
    // (a logger's writes, `fs.appendFile('agent.log', line)`, store nothing)
    const writes = (): boolean => {
      for (const m of ctx.scan(globalCopy(sink), fn.start, fn.end)) {
        if (!logWrite(ctx, m.index)) {
          return true;
        }
      }
      return false;
    };
    // (or through a function imported to store: `upsertBrand(…)`, `updateCaseFields(c.id, …)`)
    const storesThroughImport = (): boolean => {
      for (const m of ctx.scan(calledNames(), fn.start, fn.end)) {
        if (
          importedStoreCall(ctx, m[1], m.index + m[0].length) &&
          !ctx.inCommentOrString(m.index + m[0].length - 1)
        ) {
          return true;
        }
      }
      return false;
    };
    return (
      (sink.test(body) && writes()) ||
      storesThroughImport() ||
      (STORE_NAME.test(fn.name) &&
        (HTTP_WRITE.test(body) || COMMAND_RUN.test(body)) &&
        !/anthropic\.com|\/v1\/messages\b/.test(body) &&
        !NOTIFY.test(`${fn.name}\n${body}`))
    );
  });
}

/**
 * Running a command (`subprocess.run([...])`, `execSync(…)`): in a helper named for storing or
 * updating (`update_repo_description` running `gh repo edit … --description`), the write it is named for.
 */
const COMMAND_RUN =
  /\bsubprocess\s*\.\s*(?:run|call|check_call|check_output|Popen)\s*\(|\bos\s*\.\s*system\s*\(|(?<![\w$.])(?:execSync|execFileSync|spawnSync)\s*\(/;

/**
 * A log's writer: the console, a standard stream, a logger or a log file's handle
 * (`process.stdout.write(`, `logger.write(`, `log_file.write(`, `runLog.write(`).
 */
const LOG_RECEIVER =
  /(?:^|[^\w$.])(?:console|logging|(?:process|sys)\s*\.\s*std(?:out|err)|logs?|logger|log_?(?:file|fh|handle|stream|f)|LOG(?:_FILE)?|[A-Za-z_$][\w$]*_(?:log|logger|LOG)|[a-z][\w$]*Log(?:ger|File|Stream)?)\s*$/;
/** A log file as a write's first argument: `'agent.log'`, `LOG_FILE`, `log_path`, `runLogPath`. */
const LOG_TARGET =
  /^\s*(?:['"`][^'"`\n]*\.log['"`]|(?:log|LOG)(?:_?(?:file|path|FILE|PATH)|File|Path)\b|[A-Za-z_$][\w$]*_(?:log|LOG)(?:_?(?:file|path|FILE|PATH))?\b|[a-z][\w$]*Log(?:File|Path)\b)/;

/**
 * Whether the write matched at `at` goes to a log (see {@link LOG_RECEIVER}, {@link LOG_TARGET}):
 * a record of the run someone reads, not a data store.
 */
function logWrite(ctx: FileContext, at: number): boolean {
  const lineStart = ctx.text.lastIndexOf('\n', at - 1) + 1;
  const paren = ctx.text.indexOf('(', at);
  return (
    LOG_RECEIVER.test(ctx.text.slice(lineStart, at).replace(/\s*\.\s*$/, '')) ||
    (paren >= 0 && LOG_TARGET.test(ctx.text.slice(paren + 1, paren + 200)))
  );
}

/** A write (or a call of a same-file function whose body writes) whose statement names one of `names`. */
function writesNamed(
  ctx: FileContext,
  from: number,
  to: number,
  names: Set<string>,
  helpers = true,
): boolean {
  const sink = sinkOf(ctx);
  const graph = callGraph(ctx);
  const named = (at: number): boolean => statementNames(ctx, at, names);
  for (const m of ctx.scan(new RegExp(sink.source, 'g'), from, to)) {
    if (!ctx.inCommentOrString(m.index + m[0].length - 1) && !logWrite(ctx, m.index) && named(m.index)) {
      return true;
    }
  }
  // An HTTP write naming a result (`send(\`${CMS}/items/${id}\`, 'PATCH', headers, JSON.stringify({ tagline }))`):
  // the answer stored through a data API, not handed to another model or posted to a chat.
  for (const m of ctx.scan(/(['"])(?:POST|PATCH|PUT)\1/g, from, to)) {
    const statement = statementText(ctx, m.index);
    if (named(m.index) && !NOT_A_STORE.test(statement) && !notifies(ctx, statement, m.index)) {
      return true;
    }
  }
  // (or sent with a client's write method: `requests.patch(f"{STORE}/items/{id}", json={"summary": text})`)
  for (const m of ctx.scan(globalCopy(HTTP_WRITE_CALL), from, to)) {
    if (!ctx.inCommentOrString(m.index) && httpStores(ctx, m.index, names)) {
      return true;
    }
  }
  if (!helpers) {
    return false;
  }
  // A helper's own writes count when they name a result (`self.save()` dumping `self.report`), each helper read once.
  const seen = new Set<number>();
  for (const m of ctx.scan(calledNames(), from, to)) {
    if (importedStoreCall(ctx, m[1], m.index + m[0].length) && named(m.index)) {
      return true;
    }
    for (const fn of graph.byName.get(m[1]) ?? []) {
      if (
        fn.claude.length === 0 &&
        helperWrites(ctx, fn, sink) &&
        (named(m.index) ||
          (!seen.has(fn.start) &&
            seen.add(fn.start) &&
            (writesNamed(ctx, fn.start, fn.end, names, false) || helperStores(ctx, fn.start, fn.end, names))))
      ) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Whether a helper's body stores what it reads from one of `names` (`writeOut()` copying
 * `byId`'s entries into `out`, then writing `out`), followed through its own assignments.
 */
function helperStores(ctx: FileContext, start: number, end: number, names: Set<string>): boolean {
  const text = ctx.text.slice(start, end);
  const read = [...names].filter((n) =>
    new RegExp(`(?<![\\w$.])${n.replace(/\$/g, '\\$')}\\s*[.[]`).test(text),
  );
  return read.length > 0 && storesDerived(ctx, start, end, new Set(read), new Set(), undefined, false);
}

/** Where the statement holding a node starts: its outermost ancestor inside a block. */
function statementAround(node: Node): number {
  let n = node;
  for (
    let p = up(n), i = 0;
    p && i < 12 && !/^(?:block|statement_block|program|module)$/.test(kind(p));
    p = up(p), i++
  ) {
    n = p;
  }
  return n.startIndex;
}

/**
 * Where the call statement holding a node starts (`out.push(...(await Promise.all(xs.map(f))))`):
 * the node's own start otherwise (an assignment's value is followed through its name).
 */
function statementStart(node: Node): number {
  for (let n = up(node), i = 0; n && i < 12 && !FUNCTION_TYPES.has(kind(n)); n = up(n), i++) {
    const k = kind(n);
    if (k === 'expression_statement') {
      const inner = namedChildren(n)[0];
      return inner && isCall(inner) ? n.startIndex : node.startIndex;
    }
    if (k.endsWith('statement') || k === 'block' || k === 'statement_block') {
      break;
    }
  }
  return node.startIndex;
}

/** The text of the statement around an offset (at most 3,000 characters). */
function statementText(ctx: FileContext, at: number): string {
  let n = ctx.nodeAt(at);
  for (let i = 0; n && i < 16; i++, n = up(n)) {
    const k = kind(n);
    if (k.endsWith('statement') || k === 'lexical_declaration' || k === 'variable_declaration') {
      break;
    }
  }
  return n ? ctx.text.slice(n.startIndex, Math.min(endOf(n), n.startIndex + 3000)) : '';
}
