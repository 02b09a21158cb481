import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { callee, isCall, kind, kindOf, memberProperty, namedChildren, up } from '../syntax';
import {
  emptyImports,
  type Imports,
  JS_ANTHROPIC_CLASSES,
  JS_OPENAI_CLASSES,
  LIMITER_LIBS,
  RETRY_LIBS,
} from './imports';

/**
 * The import sources that matter, as string literals anywhere in the text (checked against the
 * tree): the package (group 2 with its subpath in group 3, or group 4), also as Deno and CDN
 * specifiers name it (`npm:@anthropic-ai/sdk@^0.40.0`, `jsr:…`, `https://esm.sh/@anthropic-ai/sdk@0.40.0`), and the
 * bare `anthropic` a Deno import map gives the SDK (`"anthropic": "https://esm.sh/@anthropic-ai/sdk@0.30.1"`).
 */
const JS_IMPORT_RE =
  /(['"])(?:npm:|jsr:|https?:\/\/(?:esm\.sh|cdn\.skypack\.dev|esm\.run|cdn\.jsdelivr\.net\/npm|unpkg\.com)\/)?(?:(@anthropic-ai\/(?:sdk|bedrock-sdk|vertex-sdk|foundry-sdk)|anthropic|openai)(?:@[^'"/\n]*)?(\/[^'"\n]*)?|(p-retry|async-retry|exponential-backoff|promise-retry|retry|ts-retry-promise|p-limit|p-queue|bottleneck|p-map|p-throttle|async-sema|limiter|async-mutex)(?:@[^'"/\n]*)?)\1/g;

/** JS/TS imports: `import`, `export ... from`, `require(...)` and `import(...)` of the SDKs and libraries. */
export function jsImports(ctx: FileContext): Imports {
  const imports = emptyImports();
  for (const m of ctx.scan(JS_IMPORT_RE)) {
    const source = m[2] ? m[2] + (m[3] ?? '') : m[4];
    const fast = jsImportFromText(ctx, m.index, m.index + m[0].length);
    if (fast) {
      addJsImport(imports, source, fast);
      continue;
    }
    let stringNode = ctx.nodeAt(m.index + 1);
    if (stringNode && kind(stringNode) !== 'string') {
      stringNode = up(stringNode);
    }
    if (!stringNode || kind(stringNode) !== 'string') {
      continue;
    }
    const holder = up(stringNode);
    if (!holder) {
      continue;
    }
    const names: Array<{ imported: string; local: string }> = [];
    let recognised = false;
    if (kind(holder) === 'import_statement' || kind(holder) === 'export_statement') {
      recognised = true;
      for (const clause of namedChildren(holder)) {
        if (kind(clause) === 'import_clause') {
          jsImportClause(ctx, clause, names);
        }
      }
    } else if (kind(holder) === 'arguments' && up(holder) && isCall(up(holder))) {
      const call = up(holder);
      const fn = ctx.textOf(callee(call));
      if (call && (fn === 'require' || fn === 'import')) {
        recognised = true;
        jsRequireBinding(ctx, call, names);
      }
    }
    if (!recognised) {
      continue;
    }
    addJsImport(imports, source, names);
  }
  return imports;
}

/** Records one import of `source` with its bindings. */
function addJsImport(
  imports: Imports,
  source: string,
  names: Array<{ imported: string; local: string }>,
): void {
  const lib =
    source.startsWith('@anthropic-ai/') || source === 'anthropic' || source.startsWith('anthropic/')
      ? 'anthropic'
      : source.startsWith('openai')
        ? 'openai'
        : source;
  if (lib === 'anthropic') {
    imports.anthropic = true;
    for (const { imported, local } of names) {
      if (imported === '*') {
        imports.anthropicNamespaces.add(local);
        imports.anthropicClasses.add(local);
      } else if (imported === 'default') {
        imports.anthropicClasses.add(local);
        imports.anthropicNamespaces.add(local);
        imports.anthropicDefault ??= local;
      } else if (JS_ANTHROPIC_CLASSES.has(imported)) {
        imports.anthropicClasses.add(local);
        imports.anthropicNamespaces.add(local);
      } else if (/Error$/.test(imported)) {
        imports.anthropicErrors.add(local);
      }
    }
  } else if (lib === 'openai') {
    imports.openai = true;
    for (const { imported, local } of names) {
      if (imported === '*' || imported === 'default' || JS_OPENAI_CLASSES.has(imported)) {
        imports.openaiClasses.add(local);
        imports.openaiNamespaces.add(local);
      }
    }
  } else if (RETRY_LIBS.has(lib)) {
    for (const { local } of names) {
      imports.retryLibs.set(local, lib);
    }
  } else if (LIMITER_LIBS.has(lib)) {
    for (const { local } of names) {
      imports.limiterImports.add(local);
    }
  }
}

/**
 * Reads the common import shapes from the text alone (one tree lookup to make sure it is
 * code): `import A, { B as C } from 'm'`, `import * as N from 'm'`, `import 'm'`,
 * `const X = require('m')`, `const { A, B: C } = require('m')`, `await import('m')`.
 * Returns undefined for anything else (the tree is used then).
 */
function jsImportFromText(
  ctx: FileContext,
  quoteAt: number,
  end: number,
): Array<{ imported: string; local: string }> | undefined {
  const before = ctx.text.slice(Math.max(0, quoteAt - 600), quoteAt);
  const names: Array<{ imported: string; local: string }> = [];
  let keywordAt: number;
  const esm = /\b(?:import|export)\s+(?:type\s+)?([\w$\s{},*]*?)\s*\bfrom\s*$/.exec(before);
  const bare = /\bimport\s*$/.exec(before);
  const req = /\b(?:const|let|var)\s+([\w$]+|\{[^}]*\})\s*=\s*(?:await\s+)?(?:require|import)\s*\(\s*$/.exec(
    before,
  );
  if (esm && /^export\b/.test(esm[0])) {
    keywordAt = quoteAt - before.length + esm.index; // a re-export binds no local name
  } else if (esm) {
    keywordAt = quoteAt - before.length + esm.index;
    const clause = esm[1].trim();
    const ns = /^\*\s*as\s+([\w$]+)$/.exec(clause);
    if (ns) {
      names.push({ imported: '*', local: ns[1] });
    } else {
      const m = /^(?:([\w$]+)\s*(?:,\s*|$))?(?:\*\s*as\s+([\w$]+)|\{([^}]*)\})?$/.exec(clause);
      if (!m) {
        return undefined;
      }
      if (m[1]) {
        names.push({ imported: 'default', local: m[1] });
      }
      if (m[2]) {
        names.push({ imported: '*', local: m[2] });
      }
      for (const spec of (m[3] ?? '').split(',')) {
        const s = /^\s*(?:type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(spec);
        if (s) {
          names.push({ imported: s[1], local: s[2] ?? s[1] });
        } else if (spec.trim() !== '') {
          return undefined;
        }
      }
    }
  } else if (req) {
    keywordAt = quoteAt - before.length + req.index;
    const after = /^\s*\)\s*(?:\.\s*([\w$]+))?/.exec(ctx.text.slice(end, end + 80));
    if (!after) {
      return undefined;
    }
    if (req[1].startsWith('{')) {
      for (const prop of req[1].slice(1, -1).split(',')) {
        const p = /^\s*([\w$]+)(?:\s*:\s*([\w$]+))?\s*$/.exec(prop);
        if (p) {
          names.push({ imported: p[1], local: p[2] ?? p[1] });
        } else if (prop.trim() !== '') {
          return undefined;
        }
      }
    } else {
      names.push({ imported: after[1] ?? '*', local: req[1] });
    }
  } else if (bare) {
    keywordAt = quoteAt - before.length + bare.index;
  } else {
    return undefined;
  }
  return ctx.inCommentOrString(keywordAt) ? undefined : names;
}

function jsImportClause(
  ctx: FileContext,
  clause: Node,
  out: Array<{ imported: string; local: string }>,
): void {
  for (const part of namedChildren(clause)) {
    if (kind(part) === 'identifier') {
      out.push({ imported: 'default', local: ctx.textOf(part) });
    } else if (kind(part) === 'namespace_import') {
      const id = namedChildren(part)[0];
      if (id) {
        out.push({ imported: '*', local: ctx.textOf(id) });
      }
    } else if (kind(part) === 'named_imports') {
      for (const spec of namedChildren(part)) {
        const name = spec.childForFieldName('name');
        const alias = spec.childForFieldName('alias');
        if (name) {
          out.push({ imported: ctx.textOf(name), local: ctx.textOf(alias ?? name) });
        }
      }
    }
  }
}

function jsRequireBinding(
  ctx: FileContext,
  call: Node,
  out: Array<{ imported: string; local: string }>,
): void {
  let n: Node | null = call;
  let member: string | undefined;
  for (
    let p = up(n);
    p && ['await_expression', 'parenthesized_expression', 'member_expression'].includes(kind(p));
    p = up(n)
  ) {
    if (kind(p) === 'member_expression') {
      member = ctx.textOf(memberProperty(p));
    }
    n = p;
  }
  const decl = up(n);
  if (!decl || kind(decl) !== 'variable_declarator') {
    return;
  }
  const name = decl.childForFieldName('name');
  if (!name) {
    return;
  }
  if (kind(name) === 'identifier') {
    out.push({ imported: member ?? '*', local: ctx.textOf(name) });
  } else if (kind(name) === 'object_pattern') {
    for (const prop of namedChildren(name)) {
      if (kind(prop) === 'shorthand_property_identifier_pattern') {
        out.push({ imported: ctx.textOf(prop), local: ctx.textOf(prop) });
      } else if (kind(prop) === 'pair_pattern') {
        const key = prop.childForFieldName('key');
        const value = prop.childForFieldName('value');
        if (key && kindOf(value) === 'identifier') {
          out.push({ imported: ctx.textOf(key), local: ctx.textOf(value) });
        }
      }
    }
  }
}
