import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { objectParams } from '../../lint/facts/arguments';
import { kind, kindOf, namedChildren, unwrap } from '../../lint/syntax';

/** The keys an object/dict literal certainly or possibly holds, and whether others may be added. */
export interface LiteralKeys {
  node: Node;
  keys: Set<string>;
  open: boolean;
}

/**
 * The keys of an object or dict literal, reading through spreads of literals added on a condition
 * (`...(ttl && { cache_control: … })`, `...(c ? { a: 1 } : {})`, `**({"a": 1} if c else {})`): their
 * keys count as present. Any other spread, computed key or unreadable entry leaves it open.
 */
export function literalKeys(ctx: FileContext, node: Node | null, depth = 0): LiteralKeys | undefined {
  const obj = unwrap(node);
  if (!obj || !/^(?:object|dictionary)$/.test(kind(obj))) {
    return undefined;
  }
  const params = objectParams(obj, ctx.text);
  const keys = new Set(params.entries.keys());
  if (!params.open) {
    return { node: obj, keys, open: false };
  }
  for (const child of namedChildren(obj)) {
    const k = kind(child);
    if (k !== 'spread_element' && k !== 'dictionary_splat') {
      if (!params.entries.has(keyName(ctx, child)) && k !== 'method_definition' && k !== 'comment') {
        return { node: obj, keys, open: true };
      }
      continue;
    }
    const spread = conditionalLiterals(namedChildren(child)[0] ?? null);
    if (!spread || depth > 2) {
      return { node: obj, keys, open: true };
    }
    for (const lit of spread) {
      const inner = literalKeys(ctx, lit, depth + 1);
      if (!inner || inner.open) {
        return { node: obj, keys, open: true };
      }
      inner.keys.forEach((key) => keys.add(key));
    }
  }
  return { node: obj, keys, open: false };
}

/** The key an entry is read under by `objectParams` (`''` when none). */
function keyName(ctx: FileContext, entry: Node): string {
  const key = entry.childForFieldName('key') ?? entry;
  return ctx.textOf(key).replace(/^['"]|['"]$/g, '');
}

/** The literals a spread adds on a condition (`c && {…}`, `c ? {…} : {}`), or undefined for anything else. */
function conditionalLiterals(node: Node | null): Node[] | undefined {
  const n = unwrap(node);
  if (!n) {
    return undefined;
  }
  const k = kind(n);
  const isLiteral = (x: Node | null): boolean => /^(?:object|dictionary)$/.test(kindOf(unwrap(x)) ?? '');
  const isNothing = (x: Node | null): boolean =>
    /^(?:null|undefined|none|false)$/i.test(kindOf(unwrap(x)) ?? '');
  if (k === 'binary_expression' || k === 'boolean_operator') {
    const right = n.childForFieldName('right');
    const op = n.childForFieldName('operator');
    return op && /^(?:&&|and)$/.test(kind(op)) && isLiteral(right) ? [unwrap(right) as Node] : undefined;
  }
  if (k === 'ternary_expression') {
    const a = n.childForFieldName('consequence');
    const b = n.childForFieldName('alternative');
    const out = [a, b].filter((x) => isLiteral(x)).map((x) => unwrap(x) as Node);
    return [a, b].every((x) => isLiteral(x) || isNothing(x)) ? out : undefined;
  }
  if (k === 'conditional_expression') {
    const [a, , b] = namedChildren(n);
    const out = [a, b].filter((x) => isLiteral(x ?? null)).map((x) => unwrap(x) as Node);
    return [a, b].every((x) => isLiteral(x ?? null) || isNothing(x ?? null)) ? out : undefined;
  }
  return undefined;
}
