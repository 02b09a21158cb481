/**
 * Tool-use conversations: loops that send a Claude request again after running the tools the
 * last answer asked for (`while response.stop_reason == "tool_use": … messages.append({"type":
 * "tool_result", …}); response = client.messages.create(…)`). The turns of one conversation
 * wait on each other and on the tools run between them.
 */
import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { claudeTarget, sitesWithin } from './callGraph';
import { allHttpClaudeCalls } from './httpHelpers';
import { endOf, kind, LOOP_TYPES, up } from '../syntax';

/** A tool turn's marks: `tool_use` (a stop reason or a block type) and `tool_result` (what is sent back). */
const TOOL_MARK = /\btool_(?:use|result)\b/g;

/**
 * The loops of a function that hold a tool-use conversation: a loop that sends a Claude request
 * (itself, or through a same-file function reaching Claude) and either tests `tool_use` in its
 * condition (`while (response.stop_reason === 'tool_use')`) or sends a `tool_result` back. A loop
 * that only reads a forced tool's input (`next(b for b in resp.content if b.type == "tool_use")`)
 * sends nothing back and is not one. Read once per function, from its `tool_use` / `tool_result`
 * marks.
 */
export function toolUseLoops(ctx: FileContext, fn: Node): Node[] {
  return ctx.memo(`tool-use-loops:${fn.startIndex}`, () => {
    const out: Node[] = [];
    const start = fn.startIndex;
    const end = endOf(fn);
    if (!/\btool_(?:use|result)\b/.test(ctx.text.slice(start, end))) {
      return out;
    }
    for (const m of ctx.scan(TOOL_MARK, start, end)) {
      const loop = loopAround(ctx.nodeAt(m.index), fn);
      if (!loop || out.includes(loop)) {
        continue;
      }
      const condition = loop.childForFieldName('condition');
      const inCondition = !!condition && m.index >= condition.startIndex && m.index < endOf(condition);
      if ((m[0] === 'tool_result' || inCondition) && sendsRequest(ctx, loop)) {
        out.push(loop);
      }
    }
    return out;
  });
}

/** The nearest loop statement around a node, below `fn`. */
function loopAround(node: Node | null, fn: Node): Node | undefined {
  for (let n = node ? up(node) : null; n && n.startIndex >= fn.startIndex && n !== fn; n = up(n)) {
    if (LOOP_TYPES.has(kind(n))) {
      return n;
    }
    if (n.startIndex === fn.startIndex && endOf(n) === endOf(fn)) {
      return undefined;
    }
  }
  return undefined;
}

/** Whether a loop sends a Claude request: an SDK or raw-HTTP call in it, or a call of a same-file function reaching Claude. */
function sendsRequest(ctx: FileContext, loop: Node): boolean {
  const start = loop.startIndex;
  const end = endOf(loop);
  const inside = (n: Node): boolean => n.startIndex >= start && n.startIndex < end;
  return (
    ctx.calls.some((c) => inside(c.node)) ||
    allHttpClaudeCalls(ctx).some((c) => inside(c.node)) ||
    sitesWithin(ctx, start, end).some((s) => !!claudeTarget(ctx, s.name, s.at))
  );
}
