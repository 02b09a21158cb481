import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { allHttpClaudeCalls } from '../../lint/facts/httpHelpers';
import { endOf, enclosingFunction, kind, namedChildren, unwrap, up } from '../../lint/syntax';

/** The failure branch of a raw-HTTP Messages response, and the names its error text may be read through. */
export interface ResponseErrorBranch {
  /** The `if`/`else` block run when the response failed. */
  branch: Node;
  /** The response (`response`, `res`) and the names assigned its body (`response_json = await response.json()`). */
  names: string[];
  /** What to test instead: the status already at hand (`response.status == 429`). */
  replacement: string;
}

/** The response's status, read in a branch's condition: `response.status`, `res.status_code`, `resp.ok`. */
const STATUS_PROP = /^(?:status|status_code|ok|is_success)$/;

/**
 * The branches where a raw-HTTP Messages request (`session.post(url=…)`, `requests.post(…)`,
 * `fetch(…)`) is known to have failed, in the request's own function: the `else` of a success
 * test (`if response.status == 200:`, `if (res.ok)`, `< 400`; not after an `elif`, which may
 * have taken the 429) and the body of a failure test (`!= 200`, `not resp.ok`, `!res.ok`,
 * `>= 400`; not `>= 500`, where no 429 arrives). There a test of the body's error text is how the
 * code tells a rate limit apart while the status is at hand. Read once per file: each request's
 * function is scanned once, for the response's name only.
 */
export function responseErrorBranches(ctx: FileContext): ResponseErrorBranch[] {
  return ctx.memo('string-matched-error:response-branches', () => {
    const out: ResponseErrorBranch[] = [];
    const seen = new Set<number>();
    for (const call of allHttpClaudeCalls(ctx)) {
      const resp = responseName(ctx, call.node);
      const fn = enclosingFunction(call.node);
      if (!resp || !fn) {
        continue;
      }
      const from = endOf(call.node);
      const text = ctx.text.slice(from, endOf(fn));
      const r = resp.replace(/\$/g, '\\$');
      const names = [resp];
      for (const m of text.matchAll(
        new RegExp(
          `(?<![\\w$.])([A-Za-z_$][\\w$]*)\\s*(?::[^=\\n]*)?=\\s*(?:await\\s+)?${r}\\s*\\.\\s*(?:json|text)\\s*\\(`,
          'g',
        ),
      )) {
        if (!names.includes(m[1])) {
          names.push(m[1]);
        }
      }
      for (const m of text.matchAll(new RegExp(`(?<![\\w$.])${r}\\s*\\.\\s*(\\w+)\\b`, 'g'))) {
        if (!STATUS_PROP.test(m[1])) {
          continue;
        }
        const found = failureBranch(ctx, from + m.index);
        if (found && !seen.has(found.startIndex)) {
          seen.add(found.startIndex);
          const prop = m[1] === 'status_code' ? 'status_code' : 'status';
          out.push({
            branch: found,
            names,
            replacement: ctx.python ? `${resp}.${prop} == 429` : `${resp}.${prop} === 429`,
          });
        }
      }
    }
    return out;
  });
}

/** The name a request's response is bound to: `async with session.post(…) as response`, `res = await fetch(…)`. */
function responseName(ctx: FileContext, call: Node): string | null {
  let n: Node = call;
  for (let p = up(n); p && /^(?:await|await_expression|parenthesized_expression)$/.test(kind(p)); p = up(n)) {
    n = p;
  }
  const parent = up(n);
  if (!parent) {
    return null;
  }
  let target: Node | null = null;
  if (kind(parent) === 'as_pattern') {
    const alias = parent.childForFieldName('alias');
    target = alias ? (namedChildren(alias)[0] ?? alias) : null;
  } else if (kind(parent) === 'variable_declarator') {
    target = parent.childForFieldName('name');
  } else if (/^(?:assignment|assignment_expression)$/.test(kind(parent))) {
    target = parent.childForFieldName('left');
  }
  return target && kind(target) === 'identifier' ? ctx.textOf(target) : null;
}

/** The failure branch of the `if` whose condition reads the status at `at`, or null. */
function failureBranch(ctx: FileContext, at: number): Node | null {
  let n: Node | null = ctx.nodeAt(at);
  let condition: Node | null = null;
  for (let i = 0; n && i < 8; i++) {
    const p = up(n);
    if (p && kind(p) === 'if_statement' && p.childForFieldName('condition')?.startIndex === n.startIndex) {
      condition = n;
      n = p;
      break;
    }
    if (p && /statement$|^(?:block|statement_block|module|program)$/.test(kind(p))) {
      return null;
    }
    n = p;
  }
  if (!n || !condition) {
    return null;
  }
  const c = ctx
    .textOf(unwrap(condition) ?? condition)
    .replace(/\s+/g, ' ')
    .trim();
  const negated = /^(?:not\b|!)/.test(c);
  const failure =
    /(?:!=|!==)\s*200\b|>=?\s*(?:299|300|399|400)\b/.test(c) ||
    (negated && /\.\s*(?:ok|is_success)\s*\)?$/.test(c));
  const success =
    !negated && (/(?:==|===)\s*200\b|<\s*(?:300|400)\b/.test(c) || /\.\s*(?:ok|is_success)$/.test(c));
  if (/\b(?:and|or)\b|&&|\|\|/.test(c) || failure === success) {
    return null; // (a compound test, or one that says nothing of success: `== 429`, `>= 500`)
  }
  if (failure) {
    return n.childForFieldName('consequence');
  }
  // The `else` of a success test, unless an `elif` / `else if` before it may have taken the 429.
  const alternatives = namedChildren(n).filter((k) => /^(?:else_clause|elif_clause)$/.test(kind(k)));
  if (alternatives.length !== 1 || kind(alternatives[0]) !== 'else_clause') {
    return null;
  }
  const inner = namedChildren(alternatives[0]);
  return inner.length === 1 && kind(inner[0]) === 'if_statement' ? null : alternatives[0];
}
