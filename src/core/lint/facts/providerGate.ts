import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { endOf, kind, namedChildren, positionalArgs, stringValue, unwrap, up } from '../syntax';
import { keywordParams } from './arguments';
import {
  callGraph,
  type ClaudeReach,
  functionAt,
  type LocalFunction,
  passedParams,
  siteCall,
} from './callGraph';
import { lastAssignedValue } from './functions';

/**
 * The parameter of a multi-provider function that decides whether it calls Claude: the Claude
 * request (or the call leading to it) sits under a test of that parameter against Claude's or
 * Anthropic's name (`if (modelId.startsWith('claude-'))`, `elif provider == "anthropic":`,
 * `model.includes('claude') ? askClaude(…) : askGpt(…)`, `case 'anthropic':`). A call of the
 * function that hands it another provider's model or name (`callModel('gpt-5.4', prompt)`) makes
 * no Claude request.
 */
export interface ProviderGate {
  /** The parameter's position among those a call passes (Python's `self`/`cls` left out). */
  index: number;
  /** Its name (Python calls may pass it by keyword). */
  name: string;
}

/** A test against Claude's or Anthropic's name (a literal in the condition). */
const CLAUDE_NAME = /claude|anthropic/i;

/** The provider gate of a function that reaches Claude (see `ProviderGate`), computed once per function. */
export function providerGate(
  ctx: FileContext,
  fn: LocalFunction,
  reach: ClaudeReach,
): ProviderGate | undefined {
  return ctx.memo(`provider-gate:${fn.start}`, () => {
    const given = passedParams(fn.params);
    if (given.length === 0) {
      return undefined;
    }
    // Where the function leads to Claude: its own request, or its call of the next function on the way.
    const leads: Node[] =
      reach.depth === 0
        ? reach.calls.map((c) => c.node)
        : fn.sites
            .filter((s) => s.name === reach.via[0])
            .map((s) => siteCall(ctx, s.at))
            .filter((n): n is Node => !!n);
    let gate: ProviderGate | undefined;
    for (const lead of leads) {
      const found = gateAbove(ctx, lead, fn, given);
      if (!found || (gate && gate.index !== found.index)) {
        return undefined; // one way to Claude not under a test, or tests of different parameters
      }
      gate = found;
    }
    return gate;
  });
}

/** The parameter tested on the way from `node` up to its function, in the branch that leads to it. */
function gateAbove(
  ctx: FileContext,
  node: Node,
  fn: LocalFunction,
  given: readonly string[],
): ProviderGate | undefined {
  let from = node;
  for (let n = up(node); n && n.startIndex >= fn.start && n.startIndex !== fn.start; from = n, n = up(n)) {
    const k = kind(n);
    let condition: Node | null = null;
    if (k === 'if_statement' || k === 'elif_clause' || k === 'ternary_expression') {
      const consequence = n.childForFieldName('consequence');
      if (consequence?.startIndex === from.startIndex) {
        condition = n.childForFieldName('condition');
      }
    } else if (k === 'conditional_expression') {
      // Python `ask_claude(p) if provider == "anthropic" else ask_gpt(p)`: the first child is the taken value.
      const parts = namedChildren(n);
      if (parts[0]?.startIndex === from.startIndex) {
        condition = parts[1] ?? null;
      }
    } else if (k === 'switch_case') {
      const value = n.childForFieldName('value');
      const body = up(up(n) ?? n);
      const tested = body && kind(body) === 'switch_statement' ? body.childForFieldName('value') : null;
      if (value && tested && CLAUDE_NAME.test(stringValue(unwrap(value), ctx.text) ?? '')) {
        const gate = testedParameter(ctx, tested, given);
        if (gate) {
          return gate;
        }
      }
      continue;
    }
    if (condition && hasClaudeLiteral(ctx, condition)) {
      const gate = testedParameter(ctx, condition, given);
      if (gate) {
        return gate;
      }
    }
  }
  return undefined;
}

/** Whether a condition names Claude or Anthropic in a string literal, and does not negate the test. */
function hasClaudeLiteral(ctx: FileContext, condition: Node): boolean {
  const text = ctx.textOf(condition);
  return (
    /(['"`])[^'"`\n]*(?:claude|anthropic)[^'"`\n]*\1/i.test(text) && !/!==?|!=|\bnot\b|^\s*\(?\s*!/.test(text)
  );
}

/** The passed parameter a condition reads (the first one named in it). */
function testedParameter(
  ctx: FileContext,
  condition: Node,
  given: readonly string[],
): ProviderGate | undefined {
  const text = ctx.textOf(condition);
  for (const m of text.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)/g)) {
    const index = given.indexOf(m[1]);
    if (index !== -1) {
      return { index, name: m[1] };
    }
  }
  return undefined;
}

/**
 * Whether a call of a gated function (see `providerGate`) hands it another provider's model or
 * name: a string literal, or a name assigned one in the file, that does not name Claude or
 * Anthropic. Unknown values (a parameter, a setting) are not routed away.
 */
export function routedAway(ctx: FileContext, call: Node, gate: ProviderGate): boolean {
  const arg = ctx.python
    ? (keywordParams(call, ctx.text).entries.get(gate.name)?.value ?? positionalArgs(call)[gate.index])
    : positionalArgs(call)[gate.index];
  const value = literalOf(ctx, arg ?? null, call.startIndex);
  return value !== undefined && !CLAUDE_NAME.test(value);
}

/** A string literal's value, directly or through the last assignment of a name before `at`. */
function literalOf(ctx: FileContext, node: Node | null, at: number): string | undefined {
  const v = unwrap(node);
  if (!v) {
    return undefined;
  }
  const direct = stringValue(v, ctx.text);
  if (direct !== undefined || kind(v) !== 'identifier') {
    return direct;
  }
  const assigned = lastAssignedValue(ctx, ctx.text.slice(v.startIndex, endOf(v)), 0, at);
  return assigned ? stringValue(unwrap(assigned), ctx.text) : undefined;
}

/**
 * Whether the call of a same-file function `fn` (its node) at `at` hands it another provider's
 * model: `complete("gpt-4o-mini", prompt)` of a helper that calls Claude only for Claude's models.
 */
export function siteRoutedAway(ctx: FileContext, fn: Node, at: number): boolean {
  const local = functionAt(ctx, fn.startIndex);
  const reach = local && local.start === fn.startIndex ? callGraph(ctx).reach.get(local) : undefined;
  const gate = local && reach ? providerGate(ctx, local, reach) : undefined;
  const call = gate ? siteCall(ctx, at) : null;
  return !!gate && !!call && routedAway(ctx, call, gate);
}
