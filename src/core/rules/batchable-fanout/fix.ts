/**
 * batchable-fanout: insert the Batch API version of the fan-out beside it (before the
 * statement holding it, in the same scope): one request per item with a `custom_id`,
 * `messages.batches.create`, polling with backoff until `processing_status` is `ended`,
 * the results stream mapped back to the requests by `custom_id`, and the errored, canceled
 * and expired requests reported. The original fan-out stays; the user switches over.
 */
import type { Finding } from '../../lint/types';
import { EditBuilder } from '../../fix/builder';
import type { FixFile } from '../../fix/file';
import type { FixAction } from '../../fix/types';
import type { BatchableFanoutData, BatchPlan } from './data';

/** First wait between polls, and the longest (the backoff doubles in between). */
export const POLL_FIRST_MS = 5_000;
export const POLL_MAX_MS = 300_000;

export function batchableFanoutFixes(
  file: FixFile,
  finding: Finding,
  data: BatchableFanoutData,
): FixAction[] {
  const plan = data.plan;
  if (!plan) {
    return [];
  }
  const b = new EditBuilder(file);
  const indent = file.src.indentAt(plan.insertAt);
  const lineStart = file.src.lineStart(plan.insertAt);
  if (file.text.slice(lineStart, plan.insertAt).trim() !== '') {
    return []; // the statement shares its line with other code
  }
  const code = file.python ? pythonVersion(file, b, plan) : jsVersion(file, plan);
  b.insert(lineStart, render(file, code, indent) + '\n\n');
  return [
    {
      id: 'batchable-fanout.batch-api',
      title: 'Add a Message Batches API version of this fan-out (half price, own rate limits)',
      rule: finding.rule,
      isPreferred: true,
      // It adds a function the user has to switch to; results arrive within 24 h, not now.
      safeForFixAll: false,
      edits: b.build(),
    },
  ];
}

/** Copied source lines re-based to one tab per level below `depth` tabs (fitTemplate re-indents). */
function copied(file: FixFile, start: number, end: number, depth: number): string {
  const text = file.text.slice(start, end);
  const lines = text.split(/\r?\n/);
  const firstIndent = file.src.indentAt(start);
  return lines
    .map((line, i) => {
      const body =
        i === 0 ? line : line.startsWith(firstIndent) ? line.slice(firstIndent.length) : line.trimStart();
      return '\t'.repeat(depth) + body;
    })
    .join('\n');
}

/** The names a copied statement or binding must be kept for: those the params (or later kept lines) use. */
function keptPrelude(file: FixFile, plan: BatchPlan): Array<{ start: number; end: number }> {
  let used = file.text.slice(plan.params.start, plan.params.end);
  const kept: Array<{ start: number; end: number }> = [];
  for (const s of [...plan.prelude].reverse()) {
    const text = file.text.slice(s.start, s.end);
    const lhs = file.python
      ? (/^\s*([^=]+?)\s*(?::[^=]+)?=(?!=)/.exec(text)?.[1] ?? '')
      : (/^\s*(?:const|let|var)\s+([^=]+?)\s*(?::[^=]+)?=/.exec(text)?.[1] ?? '');
    const names = lhs.match(/[A-Za-z_$][\w$]*/g) ?? [];
    if (
      !names.length ||
      /[{[]/.test(lhs) ||
      names.some((n) => new RegExp(`(?<![\\w$.])${n.replace(/\$/g, '\\$')}(?![\\w$])`).test(used))
    ) {
      kept.unshift(s);
      used += '\n' + text;
    }
  }
  return kept;
}

function jsVersion(file: FixFile, plan: BatchPlan): string {
  const Q = file.style.quote;
  const name = file.freshName(`${camel(plan.base)}ViaBatch`);
  const batches = `${plan.receiver}.messages.batches`;
  const ts = file.ts;
  const lines: string[] = [
    `// Headroom (batchable-fanout): the Message Batches API version of the fan-out below. Call it`,
    `// instead when the results can wait: half the price, its own rate limits, results within 24 h.`,
    `// messages[i] answers the i-th request (null if it failed); failed lists the requests that`,
    `// errored (a bad request or a server error: fix or resend), were canceled, or expired (not`,
    `// processed within 24 h: resend).`,
    `async function ${name}() {`,
    ...(ts
      ? [
          `\ttype BatchParams = Parameters<typeof ${batches}.create>[0];`,
          `\tconst requests: BatchParams[${Q}requests${Q}] = [];`,
        ]
      : [
          `\t/** @type {Parameters<typeof ${batches}.create>[0][${Q}requests${Q}]} */`,
          `\tconst requests = [];`,
        ]),
    `\t${plan.header} {`,
  ];
  for (const { name: n, value } of plan.bindings) {
    lines.push(`\t\tconst ${n} = ${value};`);
  }
  for (const s of keptPrelude(file, plan)) {
    lines.push(copied(file, s.start, s.end, 2));
  }
  // Laid out as Prettier lays it out at any width: no line of Headroom's own breaks
  // differently at 80 and 110 columns (a line that is too long here is never joined there).
  lines.push(
    `\t\trequests.push({`,
    `\t\t\tcustom_id: \`item-\${requests.length}\`,`,
    `\t\t\tparams: ${copied(file, plan.params.start, plan.params.end, 3).trimStart()},`,
    `\t\t});`,
    `\t}`,
    `\tconst batch = await ${batches}.create({ requests });`,
    `\t// Poll with backoff until processing has ended (most batches end within the hour).`,
    `\tlet status = batch;`,
    `\tlet delay = ${POLL_FIRST_MS};`,
    `\twhile (status.processing_status !== ${Q}ended${Q}) {`,
    `\t\tawait new Promise((resolve) => setTimeout(resolve, delay));`,
    `\t\tdelay = Math.min(delay * 2, ${POLL_MAX_MS});`,
    `\t\tstatus = await ${batches}.retrieve(batch.id);`,
    `\t}`,
    `\t// Results come in any order: map them back to the requests by custom_id.`,
    `\tconst entries = await ${batches}.results(batch.id);`,
  );
  if (ts) {
    lines.push(
      `\ttype Entry = typeof entries extends AsyncIterable<infer E> ? E : never;`,
      `\tconst byId = new Map<string, Entry[${Q}result${Q}]>();`,
    );
  } else {
    lines.push(`\tconst byId = new Map();`);
  }
  lines.push(
    `\tfor await (const entry of entries) {`,
    `\t\tbyId.set(entry.custom_id, entry.result);`,
    `\t}`,
    `\tconst results = requests.map((request) => byId.get(request.custom_id));`,
    `\tconst failed = results.flatMap((result, index) => {`,
    `\t\tif (result?.type === ${Q}succeeded${Q}) {`,
    `\t\t\treturn [];`,
    `\t\t}`,
    `\t\tconst err = result?.type === ${Q}errored${Q} ? result.error.error : undefined;`,
    `\t\treturn [{ index, type: result?.type ?? ${Q}missing${Q}, error: err }];`,
    `\t});`,
    `\tfor (const f of failed) {`,
    `\t\tconsole.warn(\`batch \${batch.id}: request \${f.index} \${f.type}\`);`,
    `\t}`,
    `\tconst messages = results.map((result) => {`,
    `\t\treturn result?.type === ${Q}succeeded${Q} ? result.message : null;`,
    `\t});`,
    `\treturn { messages, failed };`,
    `}`,
  );
  return lines.join('\n');
}

function pythonVersion(file: FixFile, b: EditBuilder, plan: BatchPlan): string {
  const name = file.freshName(`${snake(plan.base)}_via_batch`);
  const batches = `${plan.receiver}.messages.batches`;
  const aw = plan.async ? 'await ' : '';
  const sleep = plan.async
    ? `await ${b.pyModule('asyncio')}.sleep(delay)`
    : `${b.pyModule('time')}.sleep(delay)`;
  const lines: string[] = [
    `# Headroom (batchable-fanout): the Message Batches API version of the loop below. Call it`,
    `# instead when the results can wait: half the price, its own rate limits, results within 24 h.`,
    `# It returns (messages, failed): messages[i] answers the i-th request (None if it failed);`,
    `# failed lists (index, type) for requests that errored (a bad request or a server error: fix`,
    `# or resend), were canceled, or expired (not processed within 24 h: resend).`,
    `${plan.async ? 'async ' : ''}def ${name}():`,
    `\trequests = []`,
    `\t${plan.header}`,
  ];
  for (const f of plan.filters) {
    lines.push(`\t\tif not (${f}):`, `\t\t\tcontinue`);
  }
  for (const { name: n, value } of plan.bindings) {
    lines.push(`\t\t${n} = ${value}`);
  }
  for (const s of keptPrelude(file, plan)) {
    lines.push(copied(file, s.start, s.end, 2));
  }
  // A comment after the call's `(` (on the call's line) would swallow the `dict(` line's end.
  const params = copied(file, plan.params.start, plan.params.end, 3)
    .replace(/^\s*#[^\n]*\n/, '')
    .trim();
  lines.push(
    `\t\trequests.append({"custom_id": f"item-{len(requests)}", "params": dict(${params})})`,
    `\tbatch = ${aw}${batches}.create(requests=requests)`,
    `\t# Poll with backoff until processing has ended (most batches end within the hour).`,
    `\tdelay = ${POLL_FIRST_MS / 1000}`,
    `\twhile batch.processing_status != "ended":`,
    `\t\t${sleep}`,
    `\t\tdelay = min(delay * 2, ${POLL_MAX_MS / 1000})`,
    `\t\tbatch = ${aw}${batches}.retrieve(batch.id)`,
    `\t# Results come in any order: map them back to the requests by custom_id.`,
    plan.async
      ? `\tby_id = {entry.custom_id: entry.result async for entry in await ${batches}.results(batch.id)}`
      : `\tby_id = {entry.custom_id: entry.result for entry in ${batches}.results(batch.id)}`,
    `\tresults = [by_id.get(request["custom_id"]) for request in requests]`,
    `\tfailed = [`,
    `\t\t(index, result.type if result is not None else "missing")`,
    `\t\tfor index, result in enumerate(results)`,
    `\t\tif result is None or result.type != "succeeded"`,
    `\t]`,
    `\tfor index, kind in failed:`,
    `\t\tprint(f"batch {batch.id}: request {index} {kind}")`,
    `\tmessages = [result.message if result is not None and result.type == "succeeded" else None for result in results]`,
    `\treturn messages, failed`,
  );
  return lines.join('\n');
}

/**
 * Indents generated lines: leading tabs become the file's indentation, on top of `base`.
 * (Not `fitTemplate`: it re-quotes the whole text, and copied user code must stay as written.)
 */
function render(file: FixFile, code: string, base: string): string {
  return code
    .split('\n')
    .map((line) => {
      if (line.trim() === '') {
        return '';
      }
      const tabs = /^\t*/.exec(line)?.[0].length ?? 0;
      return base + file.style.indent.repeat(tabs) + line.slice(tabs);
    })
    .join('\n');
}

function camel(s: string): string {
  return (
    s.replace(/[_-]+([a-zA-Z])/g, (_, c: string) => c.toUpperCase()).replace(/^[^A-Za-z_$]+/, '') || 'items'
  );
}

function snake(s: string): string {
  return (
    s
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
      .replace(/^[^a-z_]+/, '') || 'items'
  );
}
