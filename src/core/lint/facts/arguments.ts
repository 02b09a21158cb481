import type { Node } from '../../parse/treeSitter';
import { endOf, kind, namedChildren, positionalArgs, unwrap, argumentList, kindOf } from '../syntax';

/** A literal key/value entry in an object literal or keyword-argument list. */
export interface ParamEntry {
  name: string;
  /** The whole entry (`pair`, `keyword_argument`, or shorthand identifier). */
  entry: Node;
  key: Node;
  value: Node;
}

/** The literal entries of a JS object literal, Python dict literal, or Python call's keyword arguments. */
export interface ParamSet {
  /** The object/dict literal or argument list; null when the params are not literal. */
  node: Node | null;
  entries: Map<string, ParamEntry>;
  /** True when a spread, `**kwargs`, computed key or non-literal argument may add entries. */
  open: boolean;
}

/**
 * An entry whose name comes from the source text and whose key/value nodes are fetched
 * only when a rule asks (most rules only need the names).
 */
class LazyEntry implements ParamEntry {
  private keyNode: Node | null | undefined;
  private valueNode: Node | null | undefined;

  constructor(
    readonly name: string,
    readonly entry: Node,
    private readonly keyField: string | null,
    private readonly valueField: string | null,
  ) {}

  get key(): Node {
    if (this.keyNode === undefined) {
      this.keyNode = this.keyField ? this.entry.childForFieldName(this.keyField) : this.entry;
    }
    return this.keyNode ?? this.entry;
  }

  get value(): Node {
    if (this.valueNode === undefined) {
      this.valueNode = this.valueField ? this.entry.childForFieldName(this.valueField) : this.entry;
    }
    return this.valueNode ?? this.entry;
  }
}

const EMPTY: ParamSet = { node: null, entries: new Map(), open: true };

/** `key:` at the start of a JS pair or `"key":` of a Python dict entry. */
const PAIR_KEY = /^\s*(?:([A-Za-z_$][\w$]*|\d+)|'([^'\\\n]*)'|"([^"\\\n]*)")\s*:/;
/** `name=` at the start of a Python keyword argument. */
const KEYWORD = /^\s*([A-Za-z_]\w*)\s*=/;

/** Reads the entries of a JS object literal or Python dictionary literal. */
export function objectParams(node: Node | null, text: string): ParamSet {
  const obj = unwrap(node);
  const objKind = kindOf(obj);
  if (!obj || (objKind !== 'object' && objKind !== 'dictionary')) {
    return EMPTY;
  }
  const entries = new Map<string, ParamEntry>();
  let open = false;
  for (const child of namedChildren(obj)) {
    // Classified from the text where possible (no type read): `key: v`, `'key': v`, `...x`,
    // `**x`, `[computed]: v`, shorthand `key`, methods.
    const head = text.slice(child.startIndex, child.startIndex + 200);
    const m = PAIR_KEY.exec(head);
    if (m) {
      // Python dict keys must be strings; a bare name there is a variable.
      const name = m[1] !== undefined ? (objKind === 'dictionary' ? undefined : m[1]) : (m[2] ?? m[3]);
      if (name === undefined) {
        open = true;
      } else {
        entries.set(name, new LazyEntry(name, child, 'key', 'value'));
      }
      continue;
    }
    if (head.startsWith('...') || head.startsWith('*') || head.startsWith('[')) {
      open = true;
      continue;
    }
    const short = /^([A-Za-z_$][\w$]*)\s*(?:[,}]|$)/.exec(head);
    if (short && objKind === 'object') {
      entries.set(short[1], new LazyEntry(short[1], child, null, null));
      continue;
    }
    const k = kind(child);
    if (k !== 'method_definition') {
      open = true; // something we cannot read: anything may be in there
    }
  }
  return { node: obj, entries, open };
}

/** Reads the keyword arguments of a Python call. */
export function keywordParams(call: Node, text: string): ParamSet {
  const args = argumentList(call);
  if (!args || kind(args) !== 'argument_list') {
    return { node: args, entries: new Map(), open: !!args };
  }
  const entries = new Map<string, ParamEntry>();
  let open = false;
  for (const child of namedChildren(args)) {
    // Classified from the text (no type read): `name=value`, `**kw`, `*args`.
    // The name is at the start; reading past the argument's end is harmless here.
    const head = text.slice(child.startIndex, child.startIndex + 100);
    const m = KEYWORD.exec(head);
    if (m && head[m[0].length] !== '=') {
      entries.set(m[1], new LazyEntry(m[1], child, 'name', 'value'));
    } else if (head.startsWith('*') || kind(child) === 'ERROR') {
      open = true;
    }
  }
  return { node: args, entries, open };
}

/** The number an entry's value is, when the value is a numeric literal (`max_tokens: 64_000`). */
export function entryNumber(entry: ParamEntry | undefined, text: string): number | undefined {
  if (!entry) {
    return undefined;
  }
  const m = /^[^:=]*[:=]\s*([-+]?(?:0[xX][\da-fA-F_]+|[\d_]*\.?[\d_]+(?:[eE][-+]?\d+)?))\s*$/.exec(
    text.slice(entry.entry.startIndex, endOf(entry.entry)),
  );
  if (!m) {
    return undefined;
  }
  const value = Number(m[1].replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** The string an entry's value is, when the value is a plain string literal (`model: 'claude-…'`). */
export function entryString(entry: ParamEntry | undefined, text: string): string | undefined {
  if (!entry) {
    return undefined;
  }
  const m = /^[^:=]*[:=]\s*(?:[rRuU]?)(['"`])((?:(?!\1)[^\\\n$])*)\1\s*$/.exec(
    text.slice(entry.entry.startIndex, endOf(entry.entry)),
  );
  return m ? m[2] : undefined;
}

/** The params of a call: JS first argument (object literal), Python keyword arguments. */
export function callParams(call: Node, text: string, python: boolean, index = 0): ParamSet {
  if (python) {
    return keywordParams(call, text);
  }
  const arg = positionalArgs(call)[index];
  return arg ? objectParams(arg, text) : { node: null, entries: new Map(), open: false };
}
