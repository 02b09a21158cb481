/**
 * The top import block of a file, read from the syntax tree's top-level statements: the one
 * import reader of the fixes (ES imports, TypeScript `import x = require()`, CommonJS
 * `require`, Python `import` / `from ... import`).
 */
import type { Node } from '../parse/treeSitter';
import type { Span } from '../parse/span';
import { CharKind, type Tokens } from './tokens';

/** One JS/TS import declaration or top-level `require`. */
export interface JsImport {
  span: Span;
  module: string;
  kind: 'import' | 'require';
  /** `import type ...` (usable in types only). */
  typeOnly: boolean;
  /** `import X from` / `const X = require(...)` / `const X = require(...).default`. */
  defaultName?: string;
  /** `import * as X from`. */
  namespace?: string;
  /** `import { a, b as c }` / `const { a, b: c } = require(...)`. */
  named: Array<{ imported: string; local: string; typeOnly: boolean }>;
  /** Offsets of the `{` and `}` around the named imports, when there are braces. */
  braces?: Span;
}

/** One Python top-level import statement. */
export interface PyImport {
  span: Span;
  kind: 'import' | 'from';
  /** `import a, b as c`: each module and the local name it is bound to. */
  modules: Array<{ module: string; local: string }>;
  /** `from m import a, b as c`: the module. */
  from?: string;
  names: Array<{ name: string; local: string }>;
  /** Offsets of the names list (`a, b as c`), inside parentheses when they are used. */
  namesSpan?: Span;
  /** Offsets of the `(` and `)` around the names, when they are used. */
  parens?: Span;
}

/** The top import block of a file. */
export interface ImportBlock<T> {
  imports: T[];
  /**
   * Where code goes "after the imports": the start of the line after the last top import,
   * or (with no imports) the start of the first statement.
   */
  end: number;
  /** The first offset where an import may be added (after a shebang, `'use strict'`, `__future__`, docstring). */
  start: number;
}

/** Reads the top import block of a JS/TS file. */
export function jsImports(src: Tokens, root: Node): ImportBlock<JsImport> {
  const text = src.text;
  const imports: JsImport[] = [];
  let start = -1;
  let end = -1;
  let p = 0;
  for (let i = 0; i < root.namedChildCount; i++) {
    const node = root.namedChild(i);
    if (!node || node.startIndex < p || src.kinds[node.startIndex] === CharKind.Comment) {
      continue;
    }
    if (node.type === 'expression_statement' && /^(['"])use strict\1;?/.test(textOf(src, node))) {
      p = src.nextLineStart(node.startIndex);
      continue;
    }
    if (start === -1) {
      start = src.lineStart(node.startIndex);
    }
    const parsed = jsImport(src, node);
    if (!parsed) {
      break;
    }
    imports.push(parsed);
    end = src.nextLineStart(parsed.span.end);
    p = end;
  }
  if (start === -1) {
    start = text.length;
  }
  return { imports, end: end === -1 ? start : end, start };
}

function textOf(src: Tokens, node: Node): string {
  return src.text.slice(node.startIndex, node.endIndex);
}

/** The text of a string literal node without its quotes. */
function stringValue(src: Tokens, node: Node | null): string | undefined {
  return node?.type === 'string' ? src.text.slice(node.startIndex + 1, node.endIndex - 1) : undefined;
}

/** The offset just past the statement's `;` if it directly follows `at` (same line), else `at`. */
function afterSemicolon(src: Tokens, at: number): number {
  let i = at;
  while (i < src.text.length && (src.text[i] === ' ' || src.text[i] === '\t')) {
    i++;
  }
  return src.text[i] === ';' ? i + 1 : at;
}

function jsImport(src: Tokens, node: Node): JsImport | undefined {
  switch (node.type) {
    case 'import_statement':
      return esImport(src, node);
    case 'export_statement': {
      // A re-export (`export { a } from 'm'`, `export * from 'm'`) binds no local names.
      const module = stringValue(src, node.childForFieldName('source'));
      if (module === undefined || node.namedChildren.some((c) => c?.type === 'namespace_export')) {
        return undefined;
      }
      return { span: span(node), module, kind: 'import', typeOnly: true, named: [] };
    }
    case 'lexical_declaration':
    case 'variable_declaration':
      return requireImport(src, node);
    default:
      return undefined;
  }
}

function span(node: Node): Span {
  return { start: node.startIndex, end: node.endIndex };
}

function esImport(src: Tokens, node: Node): JsImport | undefined {
  const typeOnly = node.child(1)?.type === 'type';
  const requireClause = node.namedChildren.find((c) => c?.type === 'import_require_clause');
  if (requireClause) {
    // `import x = require('y')` (TypeScript).
    const name = requireClause.namedChildren.find((c) => c?.type === 'identifier');
    const module = stringValue(src, requireClause.childForFieldName('source'));
    if (!name || module === undefined) {
      return undefined;
    }
    return { span: span(node), module, kind: 'import', typeOnly, named: [], defaultName: textOf(src, name) };
  }
  const module = stringValue(src, node.childForFieldName('source'));
  if (module === undefined) {
    return undefined;
  }
  const result: JsImport = { span: span(node), module, kind: 'import', typeOnly, named: [] };
  const clause = node.namedChildren.find((c) => c?.type === 'import_clause');
  for (const part of clause?.namedChildren ?? []) {
    if (part?.type === 'identifier') {
      result.defaultName = textOf(src, part);
    } else if (part?.type === 'namespace_import') {
      const local = part.namedChildren.find((c) => c?.type === 'identifier');
      result.namespace = local ? textOf(src, local) : undefined;
    } else if (part?.type === 'named_imports') {
      result.braces = { start: part.startIndex, end: part.endIndex - 1 };
      for (const spec of part.namedChildren) {
        const name = spec?.type === 'import_specifier' ? spec.childForFieldName('name') : null;
        if (!spec || !name || name.type !== 'identifier') {
          continue;
        }
        const alias = spec.childForFieldName('alias');
        result.named.push({
          imported: textOf(src, name),
          local: alias ? textOf(src, alias) : textOf(src, name),
          typeOnly: spec.child(0)?.type === 'type' || typeOnly,
        });
      }
    }
  }
  return result;
}

/** `const x = require('m')`, `const { a, b: c } = require('m')`, `const x = require('m').y`. */
function requireImport(src: Tokens, node: Node): JsImport | undefined {
  const declarator = node.namedChildren.find((c) => c?.type === 'variable_declarator');
  const binding = declarator?.childForFieldName('name');
  let value = declarator?.childForFieldName('value') ?? null;
  if (!declarator || !binding || !value) {
    return undefined;
  }
  let member: string | undefined;
  if (value.type === 'member_expression') {
    const property = value.childForFieldName('property');
    member = property ? textOf(src, property) : undefined;
    value = value.childForFieldName('object');
  }
  const callee = value?.type === 'call_expression' ? value.childForFieldName('function') : null;
  const args = value?.childForFieldName('arguments');
  const module = stringValue(src, args?.namedChild(0) ?? null);
  if (
    !value ||
    !callee ||
    callee.type !== 'identifier' ||
    textOf(src, callee) !== 'require' ||
    module === undefined
  ) {
    return undefined;
  }
  if (binding.type !== 'identifier' && binding.type !== 'object_pattern') {
    return undefined;
  }
  const end =
    member !== undefined
      ? (declarator.childForFieldName('value')?.endIndex ?? value.endIndex)
      : value.endIndex;
  const result: JsImport = {
    span: { start: node.startIndex, end: afterSemicolon(src, end) },
    module,
    kind: 'require',
    typeOnly: false,
    named: [],
  };
  if (binding.type === 'object_pattern') {
    result.braces = { start: binding.startIndex, end: binding.endIndex - 1 };
    for (const item of binding.namedChildren) {
      if (item?.type === 'shorthand_property_identifier_pattern') {
        const name = textOf(src, item);
        result.named.push({ imported: name, local: name, typeOnly: false });
      } else if (item?.type === 'pair_pattern') {
        const key = item.childForFieldName('key');
        const local = item.childForFieldName('value');
        if (key?.type === 'property_identifier' && local?.type === 'identifier') {
          result.named.push({ imported: textOf(src, key), local: textOf(src, local), typeOnly: false });
        }
      }
    }
  } else if (member === undefined || member === 'default') {
    result.defaultName = textOf(src, binding);
  } else {
    result.named.push({ imported: member, local: textOf(src, binding), typeOnly: false });
  }
  return result;
}

/** Reads the top import block of a Python file. */
export function pyImports(src: Tokens, root: Node): ImportBlock<PyImport> {
  const text = src.text;
  const imports: PyImport[] = [];
  let start = -1;
  let end = -1;
  let p = 0;
  let first = true;
  for (let i = 0; i < root.namedChildCount; i++) {
    const node = root.namedChild(i);
    if (!node || node.startIndex < p || node.type === 'comment') {
      continue;
    }
    const at = node.startIndex;
    if (src.lineStart(at) !== at) {
      break; // an indented line at the top level: not part of the import block
    }
    if (first && src.kinds[at] === CharKind.String) {
      // Module docstring.
      let j = at;
      while (j < text.length && src.kinds[j] === CharKind.String) {
        j++;
      }
      p = src.nextLineStart(j);
      first = false;
      continue;
    }
    first = false;
    if (node.type === 'future_import_statement') {
      p = src.nextLineStart(node.endIndex);
      continue;
    }
    if (start === -1) {
      start = at;
    }
    const parsed = pyImport(src, node);
    if (!parsed) {
      break;
    }
    imports.push(parsed);
    end = src.nextLineStart(parsed.span.end);
    p = end;
  }
  if (start === -1) {
    start = Math.min(src.nextCode(p), text.length);
  }
  return { imports, end: end === -1 ? start : end, start };
}

/** A dotted name as written, without white space. */
function dotted(src: Tokens, node: Node): string {
  return textOf(src, node).replace(/\s+/g, '');
}

function pyImport(src: Tokens, node: Node): PyImport | undefined {
  if (node.type === 'import_statement') {
    const modules: PyImport['modules'] = [];
    for (const part of node.namedChildren) {
      if (part?.type === 'dotted_name') {
        const module = dotted(src, part);
        modules.push({ module, local: module.split('.')[0] });
      } else if (part?.type === 'aliased_import') {
        const name = part.childForFieldName('name');
        const alias = part.childForFieldName('alias');
        if (!name || !alias) {
          return undefined;
        }
        modules.push({ module: dotted(src, name), local: textOf(src, alias) });
      }
    }
    return modules.length ? { span: span(node), kind: 'import', modules, names: [] } : undefined;
  }
  if (node.type !== 'import_from_statement') {
    return undefined;
  }
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode) {
    return undefined;
  }
  const names: PyImport['names'] = [];
  let open: Node | undefined;
  let close: Node | undefined;
  let afterImport = -1;
  for (const child of node.children) {
    if (!child) {
      continue;
    }
    const type = child.type;
    if (type === 'import') {
      afterImport = child.endIndex;
    } else if (afterImport < 0) {
      continue;
    } else if (type === '(') {
      open = child;
    } else if (type === ')') {
      close = child;
    } else if (type === 'wildcard_import') {
      names.push({ name: '*', local: '*' });
    } else if (type === 'dotted_name') {
      const name = dotted(src, child);
      names.push({ name, local: name });
    } else if (type === 'aliased_import') {
      const name = child.childForFieldName('name');
      const alias = child.childForFieldName('alias');
      if (!name || !alias) {
        return undefined;
      }
      names.push({ name: dotted(src, name), local: textOf(src, alias) });
    }
  }
  if (!names.length || (open && !close)) {
    return undefined;
  }
  const parens = open && close ? { start: open.startIndex, end: close.startIndex } : undefined;
  const namesStart = src.nextCode(afterImport);
  return {
    span: span(node),
    kind: 'from',
    modules: [],
    from: dotted(src, moduleNode),
    names,
    namesSpan: parens
      ? { start: parens.start + 1, end: parens.end }
      : { start: namesStart, end: node.endIndex },
    parens,
  };
}

/** The end of the logical line (statement) starting at `p`: brackets and backslash continuations followed. */
export function pyStatementEnd(src: Tokens, p: number): number {
  const text = src.text;
  let i = p;
  while (i < text.length) {
    const c = text[i];
    if (src.kinds[i] === CharKind.Code) {
      if ('([{'.includes(c) && src.match(i) > i) {
        i = src.match(i) + 1;
        continue;
      }
      if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
        i = src.nextLineStart(i);
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
        return i;
      }
      if (c === ';') {
        return i;
      }
    } else if (c === '\n' && src.kinds[i] === CharKind.Comment) {
      return i;
    } else if (c === '\n' && src.kinds[i] !== CharKind.String) {
      return i;
    }
    i++;
  }
  return text.length;
}
