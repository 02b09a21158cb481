import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { kind, namedChildren } from '../syntax';

/**
 * A collection named for the configured models or providers (`models`, `self.providers`,
 * `MODEL_CLIENTS`, `enabled_llms`), optionally through `.items()` / `.keys()` / `.values()` /
 * `Object.entries(...)`: one request per provider is a fixed handful set by configuration,
 * not one per input item.
 */
const PROVIDERS =
  /^(?:[A-Za-z_$][\w$]*_)?(?:models?|providers?|clients?|backends?|vendors?|llms?|engines?)(?:_?(?:list|config|configs|map|dict))?$/i;

/** Whether a loop (or comprehension) iterates over the configured models or providers. */
export function overConfiguredProviders(ctx: FileContext, loop: Node): boolean {
  const right = iterated(loop);
  if (!right) {
    return false;
  }
  const text = ctx
    .textOf(right)
    .trim()
    .replace(/^Object\s*\.\s*(?:entries|keys|values)\s*\(\s*([\w$.]+)\s*\)$/, '$1')
    .replace(/\s*\.\s*(?:items|keys|values)\s*\(\s*\)$/, '');
  if (!/^[\w$]+(?:\s*\.\s*[\w$]+)*$/.test(text)) {
    return false;
  }
  const last = text.slice(text.lastIndexOf('.') + 1).trim();
  return PROVIDERS.test(last);
}

/** What a loop or comprehension iterates over: `for x of <right>`, `[f(x) for x in <right>]`. */
export function iterated(loop: Node): Node | null {
  return (
    loop.childForFieldName('right') ??
    namedChildren(loop)
      .find((c) => kind(c) === 'for_in_clause')
      ?.childForFieldName('right') ??
    null
  );
}
