import type { FileContext } from '../context';
import { kind, lastSegment, namedChildren, up } from '../syntax';
import {
  emptyImports,
  type Imports,
  LIMITER_LIBS,
  PY_ANTHROPIC_CLASS,
  PY_OPENAI_CLASS,
  RETRY_LIBS,
} from './imports';

/** The start of an import statement. */
export const PY_IMPORT_RE = /^[ \t]*(?:from[ \t]+[A-Za-z_][\w.]*[ \t]+import\b|import[ \t]+[A-Za-z_])/gm;
/** The literal every match holds (see `FileContext.scanLines`). */
export const PY_IMPORT_HINT = /import/g;

/** Python imports: `import a.b as c` and `from m import (x as y)` of the SDKs and libraries. */
export function pythonImports(ctx: FileContext): Imports {
  const imports = emptyImports();
  for (const m of ctx.scanLines(PY_IMPORT_RE, PY_IMPORT_HINT)) {
    const keyword = m.index + m[0].search(/\S/);
    if (pythonImportFromText(ctx, imports, keyword)) {
      continue;
    }
    let stmt = ctx.nodeAt(keyword);
    while (stmt && kind(stmt) !== 'import_statement' && kind(stmt) !== 'import_from_statement') {
      stmt = up(stmt);
      if (stmt && (kind(stmt) === 'module' || kind(stmt) === 'block')) {
        stmt = null;
      }
    }
    if (!stmt) {
      continue;
    }
    if (kind(stmt) === 'import_statement') {
      for (const item of namedChildren(stmt)) {
        const dotted = kind(item) === 'aliased_import' ? item.childForFieldName('name') : item;
        const alias = kind(item) === 'aliased_import' ? item.childForFieldName('alias') : null;
        const module = ctx.textOf(dotted);
        const root = module.split('.')[0];
        const local = alias ? ctx.textOf(alias) : root;
        pythonModule(imports, root, module, '*', local);
      }
    } else {
      const moduleNode = stmt.childForFieldName('module_name');
      if (!moduleNode || kind(moduleNode) !== 'dotted_name') {
        continue;
      }
      const module = ctx.textOf(moduleNode);
      const root = module.split('.')[0];
      let any = false;
      for (const item of namedChildren(stmt)) {
        if (item.startIndex === moduleNode.startIndex) {
          continue;
        }
        const dotted = kind(item) === 'aliased_import' ? item.childForFieldName('name') : item;
        const alias = kind(item) === 'aliased_import' ? item.childForFieldName('alias') : null;
        if (dotted && (kind(dotted) === 'dotted_name' || kind(dotted) === 'identifier')) {
          any = true;
          pythonModule(imports, root, module, ctx.textOf(dotted), ctx.textOf(alias ?? dotted));
        }
      }
      if (!any) {
        pythonModule(imports, root, module, '', '');
      }
    }
  }
  return imports;
}

/**
 * Reads `import a.b as c, d` and `from m import (x as y, z)` from the text (one tree lookup
 * to make sure it is code). False when the statement has another shape (the tree is used).
 */
function pythonImportFromText(ctx: FileContext, imports: Imports, keyword: number): boolean {
  const lineEnd = ctx.text.indexOf('\n', keyword);
  // (without a CRLF file's `\r`, which `.` in the patterns below does not match)
  let line = ctx.text
    .slice(keyword, lineEnd === -1 ? ctx.text.length : lineEnd)
    .replace(/\r$/, '')
    .replace(/\s+#.*$/, '');
  if (line.endsWith('\\')) {
    return false;
  }
  const from = /^from\s+([\w.]+)\s+import\s+(.*)$/.exec(line);
  if (from && from[2].startsWith('(') && !from[2].includes(')')) {
    const close = ctx.text.indexOf(')', keyword);
    if (close === -1) {
      return false;
    }
    line = ctx.text.slice(keyword, close + 1).replace(/#[^\n]*/g, '');
  }
  const items = (text: string): Array<[string, string | undefined]> | undefined => {
    const out: Array<[string, string | undefined]> = [];
    for (const part of text.replace(/^\(|\)$/g, '').split(',')) {
      const m = /^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      if (m) {
        out.push([m[1], m[2]]);
      } else if (part.trim() !== '') {
        return undefined;
      }
    }
    return out;
  };
  const fromMatch = /^from\s+([\w.]+)\s+import\s+([\s\S]*)$/.exec(line);
  const plain = fromMatch ? null : /^import\s+(.*)$/.exec(line);
  const plainList = plain ? items(plain[1]) : undefined;
  // A statement read whole from the text that imports only modules no rule reads records nothing,
  // code or not: no tree lookup (`import os`, `from typing import Any`).
  if (
    fromMatch
      ? !readModule(fromMatch[1]) && (fromMatch[2].trim() === '*' || !!items(fromMatch[2].trim()))
      : !!plainList && !plainList.some(([module]) => readModule(module))
  ) {
    return true;
  }
  if (ctx.inCommentOrString(keyword)) {
    return true; // not code: nothing to record
  }
  if (fromMatch) {
    if (fromMatch[2].trim() === '*') {
      pythonModule(imports, fromMatch[1].split('.')[0], fromMatch[1], '', '');
      return true;
    }
    const list = items(fromMatch[2].trim());
    if (!list) {
      return false;
    }
    const root = fromMatch[1].split('.')[0];
    for (const [name, alias] of list) {
      pythonModule(imports, root, fromMatch[1], name, alias ?? name);
    }
    return true;
  }
  const list = plainList;
  if (!list) {
    return false;
  }
  for (const [module, alias] of list) {
    const root = module.split('.')[0];
    pythonModule(imports, root, module, '*', alias ?? root);
  }
  return true;
}

/** Whether `pythonModule` can record anything of a module (by its root). */
function readModule(module: string): boolean {
  const root = module.split('.')[0];
  return (
    root === 'anthropic' ||
    root === 'openai' ||
    RETRY_LIBS.has(root) ||
    LIMITER_LIBS.has(root) ||
    root === 'asyncio' ||
    root === 'anyio' ||
    root === 'threading'
  );
}

function pythonModule(
  imports: Imports,
  root: string,
  _module: string,
  imported: string,
  local: string,
): void {
  if (root === 'anthropic') {
    imports.anthropic = true;
    if (imported === '*') {
      imports.anthropicNamespaces.add(local);
    } else if (PY_ANTHROPIC_CLASS.test(imported)) {
      imports.anthropicClasses.add(local);
    } else if (/Error$/.test(imported)) {
      imports.anthropicErrors.add(local);
      if (local !== imported) {
        (imports.anthropicErrorAliases ??= new Map()).set(local, lastSegment(imported));
      }
    }
  } else if (root === 'openai') {
    imports.openai = true;
    if (imported === '*') {
      imports.openaiNamespaces.add(local);
    } else if (PY_OPENAI_CLASS.test(imported)) {
      imports.openaiClasses.add(local);
    }
  } else if (RETRY_LIBS.has(root) && local) {
    imports.retryLibs.set(local, root);
  } else if (LIMITER_LIBS.has(root) && local && imported !== '*') {
    imports.limiterImports.add(local);
  } else if (
    (root === 'asyncio' || root === 'anyio' || root === 'threading') &&
    /Semaphore|Limiter|Lock/.test(imported)
  ) {
    imports.limiterImports.add(local);
  }
}
