import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { siteCall } from './callGraph';

/** A name bound by an import that may be of the project's own code. */
export interface ProjectImport {
  /** The module as written (`./retry`, `@/lib/retry`, `.retry`, `utils.retry`). */
  specifier: string;
  /** The name in that module (`default` for a JS default import). */
  imported: string;
}

/** `import A, { b as c } from 'm'` (the clause in group 1, the specifier in 3). */
const JS_ESM = /\bimport\s+(?:type\s+)?([\w$]+\s*,?\s*)?(\{[^}]*\})?\s*from\s*(['"])([^'"\n]+)\3/g;
/** `const A = require('m')`, `const { b, c: d } = require('m')` (`.name` after it in group 4). */
const JS_REQUIRE =
  /\b(?:const|let|var)\s+([\w$]+|\{[^}]*\})\s*=\s*require\s*\(\s*(['"])([^'"\n]+)\2\s*\)(?:\s*\.\s*([\w$]+))?/g;
/** `from m import a as b, c` / `from .m import (a, b)` (module in group 1, names in group 2). */
const PY_FROM = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)/gm;

/** Whether a JS/TS specifier may name the project's own code. */
function projectSpecifier(specifier: string): boolean {
  // Relative and rooted paths, the app frameworks' `@/` and `~/` aliases, subpath imports, bare
  // paths a tsconfig `paths`/`baseUrl` may map (`lib/retry`), and package names: a monorepo's
  // workspace packages are its own (`@acme/retry`; any other package resolves to nothing).
  // Not `node:fs` or a URL.
  return !/^[a-z][\w+.-]*:/i.test(specifier);
}

/**
 * Names the file imports from modules that may be the project's own, by local name: read from
 * the import statements' text (each checked to be code). JS/TS: `import` and `require`;
 * Python: `from … import …` (a package's module is read, not `import a.b` as a whole).
 */
export function projectImports(ctx: FileContext): Map<string, ProjectImport> {
  return ctx.memo('project-imports', () => {
    const out = new Map<string, ProjectImport>();
    const add = (local: string, imported: string, specifier: string): void => {
      if (local && imported && !out.has(local)) {
        out.set(local, { specifier, imported });
      }
    };
    if (ctx.python) {
      for (const m of ctx.scan(PY_FROM)) {
        if (ctx.inCommentOrString(m.index + m[0].search(/\S/))) {
          continue;
        }
        const names = m[2].replace(/#[^\n]*/g, '').replace(/^\(|\)$/g, '');
        for (const part of names.split(',')) {
          const item = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
          if (item) {
            add(item[2] ?? item[1], item[1], m[1]);
          }
        }
      }
      return out;
    }
    for (const m of ctx.scan(JS_ESM)) {
      if (!projectSpecifier(m[4]) || ctx.inCommentOrString(m.index)) {
        continue;
      }
      const first = m[1]?.replace(/[\s,]/g, '');
      if (first) {
        add(first, 'default', m[4]);
      }
      for (const spec of (m[2] ?? '').slice(1, -1).split(',')) {
        const s = /^\s*(?:type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(spec);
        if (s) {
          add(s[2] ?? s[1], s[1], m[4]);
        }
      }
    }
    for (const m of ctx.scan(JS_REQUIRE)) {
      if (!projectSpecifier(m[3]) || ctx.inCommentOrString(m.index)) {
        continue;
      }
      if (m[1].startsWith('{')) {
        for (const prop of m[1].slice(1, -1).split(',')) {
          const p = /^\s*([\w$]+)(?:\s*:\s*([\w$]+))?\s*$/.exec(prop);
          if (p) {
            add(p[2] ?? p[1], p[1], m[3]);
          }
        }
      } else {
        // `const withRetry = require('./retry')`: the module's default (`module.exports = withRetry`);
        // `require('./retry').withRetry`: that name.
        add(m[1], m[4] ?? 'default', m[3]);
      }
    }
    // `const withRetry = withAnthropicRetry;` (an alias of an imported name, at the top level)
    for (const m of ctx.scan(ALIAS)) {
      const target = out.get(m[2]);
      if (target && !out.has(m[1]) && !ctx.inCommentOrString(m.index + m[0].indexOf(m[1]))) {
        out.set(m[1], target);
      }
    }
    return out;
  });
}

/** A top-level `const a = b;` (`a = b` in Python): the alias in group 1, the name in group 2. */
const ALIAS =
  /^(?:(?:export\s+)?(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*=\s*([A-Za-z_$][\w$]*)\s*;?[ \t]*$/gm;

/**
 * The receivers a method of imported code is called on, as written before the method, with the
 * import: each imported name (`RetryHelper.run(`, `limiter.withRetry(` on an imported instance),
 * and names bound to an instance of an imported class (`const limiter = new RateLimiter(…)`,
 * `this.limiter = new …`, Python `self.throttle = Throttle(…)`).
 */
function importedReceivers(
  ctx: FileContext,
  imports: ReadonlyMap<string, ProjectImport>,
): Map<string, ProjectImport> {
  const receivers = new Map<string, ProjectImport>(imports);
  for (const [local, from] of imports) {
    if (!/^[A-Z]/.test(local)) {
      continue; // (a class's name: `new RateLimiter(`, Python `RateLimiter(`)
    }
    // From the class name's occurrences (a pattern starting with the bound name would be tried at
    // every offset): what its line says before it, `limiter = new ` / `self.throttle = `.
    for (const at of ctx.wordsOf(local)) {
      const lineStart = ctx.text.lastIndexOf('\n', at - 1) + 1;
      const before = ctx.text.slice(Math.max(lineStart, at - 200), at);
      const bound = (ctx.python ? PY_BOUND_BEFORE : JS_BOUND_BEFORE).exec(before);
      const opens = /^\s*\(/.test(ctx.text.slice(at + local.length, at + local.length + 20));
      if (bound && (opens || !ctx.python) && !receivers.has(bound[1]) && !ctx.inCommentOrString(at)) {
        receivers.set(bound[1], from);
      }
    }
  }
  return receivers;
}

/** The end of a line's text before a class name that makes an instance: `const limiter = new ` (the name in group 1). */
const JS_BOUND_BEFORE =
  /(?<![\w$.])((?:this\.)?[A-Za-z_$][\w$]*)[ \t]*(?::[^=\n;]*)?=[ \t]*(?:await[ \t]+)?new[ \t]+$/;
/** Python: `self.throttle = ` before `Throttle(` (the name in group 1). */
const PY_BOUND_BEFORE = /(?<![\w.])((?:self\.)?[A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*$/;

/** After a receiver: `.method(` (the method's name in group 1; group 2 the blanks and parenthesis). */
const MEMBER_CALL = /^\s*\??\.\s*([A-Za-z_$][\w$]*)(\s*\()/;

/** A call of a method of imported code (see `importedReceivers`). */
export interface ImportedMemberCall {
  /** The receiver as written (`limiter`, `this.limiter`). */
  receiver: string;
  from: ProjectImport;
  method: string;
  call: Node;
}

/**
 * Calls of methods on imported code, in text order (computed once per file): `limiter.withRetry(`,
 * `self.llm.complete(`, `RetryHelper.run(` (see `importedReceivers`). Each is looked up in the
 * module as `<imported name>.<method>`.
 */
export function importedMemberCalls(ctx: FileContext): ImportedMemberCall[] {
  return ctx.memo('imported-member-calls', () => {
    const out: ImportedMemberCall[] = [];
    for (const [receiver, from] of importedReceivers(ctx, projectImports(ctx))) {
      const name = receiver.replace(/^(?:this|self)\./, '');
      const own = name !== receiver;
      for (const at of ctx.wordsOf(name)) {
        const m = MEMBER_CALL.exec(ctx.text.slice(at + name.length, at + name.length + 80));
        const before = ctx.text.slice(Math.max(0, at - 6), at);
        if (!m || own !== /(?:this|self)\s*\.\s*$/.test(before) || (!own && ctx.text[at - 1] === '.')) {
          continue;
        }
        const methodAt = at + name.length + m[0].length - m[1].length - m[2].length;
        const call = ctx.inCommentOrString(at) ? null : siteCall(ctx, methodAt);
        if (call) {
          out.push({ receiver, from, method: m[1], call });
        }
      }
    }
    return out.sort((a, b) => a.call.startIndex - b.call.startIndex);
  });
}

/**
 * The names a file's text imports from modules that may be the project's, by specifier, read
 * from the text alone (no tree: see `ModuleLookup.importsClaudeCode`), at most 64 specifiers:
 * JS `import A, { b as c } from '…'` (`default` for A) and `require('…')`, Python `from … import a, b`.
 * An import inside a comment may be read too (the answer only lets a lint run).
 */
export function importedNames(text: string, python: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (specifier: string, names: string[]): void => {
    if (out.has(specifier) || out.size < 64) {
      out.set(specifier, [...(out.get(specifier) ?? []), ...names]);
    }
  };
  if (python) {
    for (const m of text.matchAll(PY_FROM)) {
      const names = m[2].replace(/#[^\n]*/g, '').replace(/^\(|\)$/g, '');
      add(
        m[1],
        names
          .split(',')
          .map((part) => /^\s*(\w+)/.exec(part)?.[1])
          .filter((n): n is string => !!n),
      );
    }
    return out;
  }
  for (const m of text.matchAll(JS_ESM)) {
    if (projectSpecifier(m[4])) {
      const names = (m[2] ?? '')
        .slice(1, -1)
        .split(',')
        .map((spec) => /^\s*(?:type\s+)?([\w$]+)/.exec(spec)?.[1])
        .filter((n): n is string => !!n);
      add(m[4], [...(m[1]?.replace(/[\s,]/g, '') ? ['default'] : []), ...names]);
    }
  }
  for (const m of text.matchAll(JS_REQUIRE)) {
    if (projectSpecifier(m[3])) {
      const names = m[1].startsWith('{')
        ? m[1]
            .slice(1, -1)
            .split(',')
            .map((prop) => /^\s*([\w$]+)/.exec(prop)?.[1])
            .filter((n): n is string => !!n)
        : [m[4] ?? 'default'];
      add(m[3], names);
    }
  }
  return out;
}

/** JS `export { a as b } from 'x'` (the list in group 1, the specifier in group 3). */
export const EXPORT_FROM = /\bexport\s*(?:type\s*)?\{([^}]*)\}\s*from\s*(['"])([^'"\n]+)\2/g;
/** JS `export * from 'x'` (not `export * as ns from`; the specifier in group 2). */
export const EXPORT_STAR = /\bexport\s*\*\s*from\s*(['"])([^'"\n]+)\1/g;

/** The specifiers a JS module passes names on from (`export { a } from '…'`, `export * from '…'`), at most 16. */
export function reexportSpecifiers(text: string): string[] {
  const out = [...text.matchAll(EXPORT_FROM)].map((m) => m[3]);
  out.push(...[...text.matchAll(EXPORT_STAR)].map((m) => m[2]));
  return out.slice(0, 16);
}
