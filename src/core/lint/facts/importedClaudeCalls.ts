import type { FileContext } from '../context';
import { callee, isCall, positionalArgs } from '../syntax';
import { callParams, objectParams, type ParamSet } from './arguments';
import type { ClaudeCall } from './calls';
import { siteCall } from './callGraph';
import { importedMemberCalls, projectImports } from './projectImports';
import type { Node } from '../../parse/treeSitter';
import type { ClaudeFunction } from '../project/summary';
import { routedAway } from './providerGate';

/**
 * Calls of functions of the project's own modules that send a Claude request (cross-file
 * facts): `askClaude(prompt)` with `askClaude` imported from `./claude`, `self.llm.complete(p)`
 * on an instance of an imported class, `claude_call_with_retry(client, model=…, messages=…)`.
 * In text order, at most 64; only when the lint can read the project (`LintOptions.modules`),
 * and a module is read only for a name the file calls. Used where requests are followed per item
 * (a fan-out's reach, a loop's per-item calls), not as requests of this file: their parameters
 * are written in the other module (unknown here unless the function forwards them), and no fix
 * rewrites them.
 */
export function importedClaudeCalls(ctx: FileContext): ClaudeCall[] {
  return ctx.memo('imported-claude-calls', () => {
    const modules = ctx.options.modules;
    const out: ClaudeCall[] = [];
    if (!modules) {
      return out;
    }
    const imports = projectImports(ctx);
    if (imports.size === 0) {
      return out;
    }
    const add = (call: Node, specifier: string, name: string): void => {
      const fn = out.length < 64 ? modules.claudeFunction(specifier, name) : undefined;
      const head = callee(call);
      if (!fn || !head || (fn.gate && routedAway(ctx, call, fn.gate))) {
        return; // (`callModel('gpt-5.4', prompt)`: the module calls Claude only for Claude's models)
      }
      const params = fn.forwards ? forwarded(ctx, call, fn.forwards) : unknown();
      out.push({
        node: call,
        callee: head,
        receiver: head,
        method: 'create',
        beta: false,
        params,
        options: params,
        client: null,
        imported: { name: fn.name, path: fn.path, line: fn.line, requests: fn.requests },
      });
    };
    for (const [local, { specifier, imported }] of imports) {
      for (const { start, paren } of ctx.callsOf(local, false).slice(0, 32)) {
        const call = paren > start && !ctx.inCommentOrString(start) ? siteCall(ctx, start) : null;
        if (call && isCall(call)) {
          add(call, specifier, imported);
        }
      }
    }
    for (const { from, method, call } of importedMemberCalls(ctx)) {
      add(call, from.specifier, `${from.imported}.${method}`);
    }
    return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
  });
}

/** The request's parameters as a forwarding function's call writes them (see `ClaudeFunction.forwards`). */
function forwarded(ctx: FileContext, call: Node, from: NonNullable<ClaudeFunction['forwards']>): ParamSet {
  if ('keywords' in from) {
    return callParams(call, ctx.text, true);
  }
  const arg = positionalArgs(call)[from.index];
  return arg ? objectParams(arg, ctx.text) : unknown();
}

function unknown(): ParamSet {
  return { node: null, entries: new Map(), open: true };
}
