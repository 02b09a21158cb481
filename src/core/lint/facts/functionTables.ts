import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { callee, kind, namedChildren, positionalArgs, up } from '../syntax';

/** `NAME = {` starting a line, with the tail it cannot match without (see `FileContext.scanLines`). */
export const TABLE_ASSIGNMENT: [RegExp, RegExp] = [
  /^[ \t]*(?:export[ \t]+)?(?:(?:const|let|var)[ \t]+)?([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]{0,80})?=[ \t]*\{/gm,
  /=[ \t]*\{/g,
];

/**
 * The same-file tables of functions: a dict or object literal assigned to a name whose values
 * name functions of the file (`CALL_FNS = {"anthropic": call_anthropic, "openai": call_openai}`),
 * by table name, with the names of those functions (at most 16 tables of 32 entries).
 * `isFunction` says whether a name is a local function's.
 */
export function functionTables(
  ctx: FileContext,
  isFunction: (name: string) => boolean,
): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const m of ctx.scanLines(...TABLE_ASSIGNMENT)) {
    if (tables.size >= 16) {
      break;
    }
    const brace = ctx.nodeAt(m.index + m[0].length - 1);
    const dict = brace && /^(?:dictionary|object)$/.test(kind(brace)) ? brace : up(brace);
    if (
      !dict ||
      !/^(?:dictionary|object)$/.test(kind(dict)) ||
      dict.startIndex !== m.index + m[0].length - 1
    ) {
      continue;
    }
    const names: string[] = [];
    for (const pair of namedChildren(dict).slice(0, 32)) {
      const value = kind(pair) === 'shorthand_property_identifier' ? pair : pair.childForFieldName('value');
      const name = value && /identifier$/.test(kind(value)) ? ctx.textOf(value) : '';
      if (name && isFunction(name)) {
        names.push(name);
      }
    }
    if (names.length) {
      tables.set(m[1], names);
    }
  }
  return tables;
}

/** A parameter of a same-file function that callers hand a function picked from a table. */
export interface TableParameter {
  /** The function whose parameter it is. */
  fn: string;
  /** The parameter's position (0-based, as written, `self` included) or its name. */
  param: number | string;
  /** The functions of the table the value is picked from. */
  table: string[];
}

/**
 * Where a function picked from a same-file table of functions (`call_fn = CALL_FNS[provider]`,
 * `fn = TABLE.get(key)`) is handed to a same-file function as an argument, in the function that
 * picks it (nested functions included): `_process_one(doc, client, call_fn, model)`,
 * `process(doc, call_fn=call_fn)`, or `pool.submit(_process_one, doc, call_fn)` (the function
 * run is the first argument). `owner` gives the function (start, end) around an offset;
 * `isFunction` says whether a name is a local function's. At most 32 picks, 8 hand-offs each,
 * found from the name's occurrences: linear in the file.
 */
export function tableParameters(
  ctx: FileContext,
  tables: Map<string, string[]>,
  owner: (offset: number) => { start: number; end: number } | undefined,
  isFunction: (name: string) => boolean,
): TableParameter[] {
  const out: TableParameter[] = [];
  if (tables.size === 0) {
    return out;
  }
  const names = [...tables.keys()].map((n) => n.replace(/\$/g, '\\$')).join('|');
  const re = new RegExp(
    `(?<![\\w$.])([A-Za-z_$][\\w$]*)[ \\t]*=[ \\t]*(?<![\\w$.])(${names})[ \\t]*(?:\\[|\\.get\\()`,
    'g',
  );
  let picks = 0;
  for (const m of ctx.scan(re)) {
    if (picks++ >= 32) {
      break;
    }
    if (ctx.inCommentOrString(m.index)) {
      continue;
    }
    const fn = owner(m.index);
    const to = fn ? fn.end : Math.min(ctx.text.length, m.index + 4000);
    let handed = 0;
    for (const at of ctx.wordsOf(m[1])) {
      if (at < m.index + m[0].length || at >= to || handed >= 8 || ctx.inCommentOrString(at)) {
        continue;
      }
      const target = handOff(ctx, ctx.nodeAt(at), isFunction);
      if (target) {
        handed++;
        out.push({ ...target, table: tables.get(m[2]) as string[] });
      }
    }
  }
  return out;
}

/**
 * For an identifier handed as an argument to a same-file function, that function and the
 * parameter receiving it; undefined otherwise.
 */
function handOff(
  ctx: FileContext,
  leaf: Node | null,
  isFunction: (name: string) => boolean,
): { fn: string; param: number | string } | undefined {
  if (!leaf || kind(leaf) !== 'identifier') {
    return undefined;
  }
  let arg: Node = leaf;
  let keyword: string | undefined;
  let list = up(leaf);
  if (list && kind(list) === 'keyword_argument') {
    if (list.childForFieldName('value')?.startIndex !== leaf.startIndex) {
      return undefined;
    }
    keyword = ctx.textOf(list.childForFieldName('name') as Node);
    arg = list;
    list = up(list);
  }
  if (!list || !/^(?:argument_list|arguments)$/.test(kind(list))) {
    return undefined;
  }
  const call = up(list);
  const head = call ? callee(call) : null;
  if (!call || !head) {
    return undefined;
  }
  const headText = ctx.textOf(head);
  const positional = positionalArgs(call);
  const index = positional.findIndex((a) => a.startIndex === arg.startIndex);
  // `pool.submit(_process_one, doc, call_fn)`, `loop.run_in_executor(None, fn, …)` is not followed.
  if (/\.submit$/.test(headText) && positional.length > 1) {
    const run = ctx.textOf(positional[0]);
    if (!isFunction(run)) {
      return undefined;
    }
    return keyword ? { fn: run, param: keyword } : index > 0 ? { fn: run, param: index - 1 } : undefined;
  }
  const name = /^(?:(?:self|this)\s*\.\s*)?([A-Za-z_$][\w$]*)$/.exec(headText);
  if (!name || !isFunction(name[1])) {
    return undefined;
  }
  // (a method called as `self.run(…)`: its first parameter is `self`)
  const shift = /^(?:self|this)\b/.test(headText) && ctx.python ? 1 : 0;
  return keyword
    ? { fn: name[1], param: keyword }
    : index >= 0
      ? { fn: name[1], param: index + shift }
      : undefined;
}
