import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { assignedValues } from './functions';
import {
  callee,
  dottedName,
  isCall,
  isMember,
  kind,
  lastSegment,
  memberObject,
  memberProperty,
  namedChildren,
  positionalArgs,
  stringValue,
  unwrap,
  up,
} from '../syntax';

/** A value the file writes as a constant: its text and where it is written. */
export interface ConstantValue {
  /** The node holding the value (the literal, or the module-level definition's value). */
  node: Node;
  /** The characters of string content in it (strings' contents, not quotes or code). */
  chars: number;
  /** The name it was reached through, when it is a module-level constant. */
  name?: string;
}

/**
 * The value an expression has when it is constant text: a string literal (no substitutions,
 * no f-string fields), implicit or `+` concatenation of such, `dedent(...)`/`.trim()`/
 * `.strip()` around one, an array/list/object/dict literal made only of constants
 * (tool definitions), or a name assigned one of those once at the top level of the file.
 */
export function constantValue(ctx: FileContext, node: Node | null, depth = 0): ConstantValue | undefined {
  const v = unwrap(node);
  if (!v || depth > 3) {
    return undefined;
  }
  const chars = constantChars(ctx, v, depth);
  if (chars !== undefined) {
    return { node: v, chars };
  }
  if (kind(v) === 'identifier') {
    const def = moduleConstant(ctx, v);
    const value = def ? constantValue(ctx, def, depth + 1) : undefined;
    return value ? { ...value, name: ctx.textOf(v) } : undefined;
  }
  return undefined;
}

/** The value of a name assigned exactly once in the file, at its top level, before `use`. */
export function moduleConstant(ctx: FileContext, id: Node): Node | undefined {
  const name = ctx.textOf(id);
  const values = assignedValues(ctx, name, 0, ctx.text.length);
  if (values.length !== 1 || values[0].startIndex > id.startIndex) {
    return undefined;
  }
  // Top level: the assignment's statement is a child of the module/program.
  let s: Node | null = values[0];
  while (s && up(s) && kind(up(s) as Node) !== 'program' && kind(up(s) as Node) !== 'module') {
    s = up(s);
  }
  return s && up(s) ? values[0] : undefined;
}

/** Characters of string content in a constant expression, or undefined when it is not constant. */
function constantChars(ctx: FileContext, v: Node, depth: number): number | undefined {
  const k = kind(v);
  if (k === 'string' || k === 'template_string') {
    if (ctx.python && /^[rRbBuU]*[fF]/.test(ctx.textOf(v))) {
      return undefined;
    }
    const s = stringValue(v, ctx.text);
    return s === undefined ? undefined : s.length;
  }
  if (k === 'concatenated_string') {
    return sum(namedChildren(v).map((c) => constantChars(ctx, c, depth)));
  }
  if (k === 'binary_expression' || k === 'binary_operator') {
    const op = v.childForFieldName('operator');
    if (op && ctx.textOf(op) !== '+') {
      return undefined;
    }
    const l = constantValue(ctx, v.childForFieldName('left'), depth);
    const r = constantValue(ctx, v.childForFieldName('right'), depth);
    return l && r ? l.chars + r.chars : undefined;
  }
  if (
    k === 'number' ||
    k === 'integer' ||
    k === 'float' ||
    k === 'true' ||
    k === 'false' ||
    k === 'null' ||
    k === 'none'
  ) {
    return 0;
  }
  if (k === 'array' || k === 'list' || k === 'tuple' || k === 'object' || k === 'dictionary') {
    let total = 0;
    for (const child of namedChildren(v)) {
      const ck = kind(child);
      if (ck === 'pair') {
        const key = child.childForFieldName('key');
        const value = constantValue(ctx, child.childForFieldName('value'), depth);
        if (!value) {
          return undefined;
        }
        total += ctx.textOf(key).length + value.chars;
      } else {
        const value = constantValue(ctx, child, depth);
        if (!value) {
          return undefined;
        }
        total += value.chars;
      }
    }
    return total;
  }
  if (isCall(v)) {
    const fn = callee(v);
    const name = lastSegment(dottedName(fn, ctx.text));
    const args = positionalArgs(v);
    if ((name === 'dedent' || name === 'cleandoc') && args.length === 1) {
      return constantValue(ctx, args[0], depth + 1)?.chars;
    }
    if (
      isMember(fn) &&
      /^(?:trim|trimStart|trimEnd|strip|lstrip|rstrip)$/.test(ctx.textOf(memberProperty(fn)))
    ) {
      return constantValue(ctx, memberObject(fn), depth + 1)?.chars;
    }
    // JSON.stringify(constant) / json.dumps(constant)
    if ((name === 'stringify' || name === 'dumps') && args[0]) {
      return constantValue(ctx, args[0], depth + 1)?.chars;
    }
  }
  return undefined;
}

function sum(parts: Array<number | undefined>): number | undefined {
  let total = 0;
  for (const p of parts) {
    if (p === undefined) {
      return undefined;
    }
    total += p;
  }
  return total;
}
