import type { Node } from '../parse/treeSitter';
import { LineIndex } from '../parse/lineIndex';
import {
  argumentList,
  callee,
  callParams,
  dottedName,
  FUNCTION_TYPES,
  isCall,
  lastSegment,
  memberObject,
  memberProperty,
  namedChildren,
  objectParams,
  type ParamSet,
  positionalArgs,
  unwrap,
  up,
  kind,
  kindOf,
  endOf,
} from './syntax';
import type { LintLanguage } from './types';

/** What the file imports that matters to the rules. */
export interface Imports {
  /** The file imports `@anthropic-ai/sdk` (or the Bedrock/Vertex packages) or Python `anthropic`. */
  anthropic: boolean;
  /** The file imports `openai`. */
  openai: boolean;
  /** Local names bound to Anthropic client classes. */
  anthropicClasses: Set<string>;
  /** Local names bound to the Anthropic module/namespace (`anthropic`, `sdk` in `import * as sdk`). */
  anthropicNamespaces: Set<string>;
  /** The JS default import of `@anthropic-ai/sdk` (where `Anthropic.RateLimitError` lives). */
  anthropicDefault?: string;
  /** Local names of error classes imported from the SDK (`RateLimitError`, ...). */
  anthropicErrors: Set<string>;
  openaiClasses: Set<string>;
  openaiNamespaces: Set<string>;
  /** Local name -> library, for retry libraries (p-retry, async-retry, tenacity, backoff, ...). */
  retryLibs: Map<string, string>;
  /** Local names imported from concurrency limiters (p-limit, p-queue, bottleneck, aiolimiter, ...). */
  limiterImports: Set<string>;
}

/** A client construction (`new Anthropic(...)`, `anthropic.Anthropic(...)`, `client.withOptions(...)`). */
export interface ClientBinding {
  vendor: 'anthropic' | 'openai';
  /** The name it is bound to: `client`, `this.client` (Python `self.` is normalised to `this.`), or null. */
  key: string | null;
  /** The constructor call or `withOptions`/`with_options` call. */
  node: Node;
  /** Its options object / keyword arguments. */
  options: ParamSet;
  /** For `withOptions`: the receiver expression it derives from. */
  derivedFrom?: Node;
}

/** A Claude Messages API call. */
export interface ClaudeCall {
  node: Node;
  callee: Node;
  /** The client expression (with `.beta` stripped). */
  receiver: Node;
  method: 'create' | 'stream' | 'batches.create';
  beta: boolean;
  /** JS: the first argument's object literal; Python: the keyword arguments. */
  params: ParamSet;
  /** JS: the second argument (request options); Python: the keyword arguments. */
  options: ParamSet;
  /** The client it resolves to in this file, if any. */
  client: ClientBinding | null;
}

const JS_ANTHROPIC_CLASSES = new Set([
  'Anthropic',
  'AnthropicBedrock',
  'AnthropicVertex',
  'AnthropicFoundry',
]);
const JS_OPENAI_CLASSES = new Set(['OpenAI', 'AzureOpenAI']);
const PY_ANTHROPIC_CLASS = /^(?:Async)?Anthropic(?:Bedrock|Vertex|Foundry)?$/;
const PY_OPENAI_CLASS = /^(?:Async)?(?:Azure)?OpenAI$/;
const RETRY_LIBS = new Set([
  'p-retry',
  'async-retry',
  'exponential-backoff',
  'promise-retry',
  'retry',
  'ts-retry-promise',
  'tenacity',
  'backoff',
  'retrying',
  'stamina',
]);
const LIMITER_LIBS = new Set([
  'p-limit',
  'p-queue',
  'bottleneck',
  'p-map',
  'p-throttle',
  'async-sema',
  'limiter',
  'async-mutex',
  'aiolimiter',
  'asyncio-throttle',
]);

const JS_IMPORT_RE =
  /(['"])(@anthropic-ai\/(?:sdk|bedrock-sdk|vertex-sdk|foundry-sdk)(?:\/[^'"\n]*)?|openai(?:\/[^'"\n]*)?|p-retry|async-retry|exponential-backoff|promise-retry|retry|ts-retry-promise|p-limit|p-queue|bottleneck|p-map|p-throttle|async-sema|limiter|async-mutex)\1/g;
const PY_IMPORT_RE = /^[ \t]*(?:from[ \t]+[A-Za-z_][\w.]*[ \t]+import\b|import[ \t]+[A-Za-z_])/gm;

/** The shared, lazily computed facts about one file that the rules work from. */
export class FileContext {
  readonly python: boolean;
  private linesCache: LineIndex | undefined;
  private importsCache: Imports | undefined;
  private clientsCache: ClientBinding[] | undefined;
  private callsCache: ClaudeCall[] | undefined;
  private limitersCache: Set<string> | undefined;
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly text: string,
    readonly language: LintLanguage,
    readonly root: Node,
  ) {
    this.python = language === 'python';
  }

  /** Computes a per-file value once (shared by rules). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) {
      this.memos.set(key, compute());
    }
    return this.memos.get(key) as T;
  }

  /** Line/column lookup for this text. */
  get lines(): LineIndex {
    return (this.linesCache ??= new LineIndex(this.text));
  }

  /** The source text of a node. */
  textOf(node: Node | null | undefined): string {
    return node ? this.text.slice(node.startIndex, endOf(node)) : '';
  }

  /** The smallest node covering an offset. */
  nodeAt(offset: number): Node | null {
    return this.root.descendantForIndex(offset, offset + 1);
  }

  /** Whether an offset is inside a comment or a string (so a text match there is not code). */
  inCommentOrString(offset: number): boolean {
    const node = this.nodeAt(offset);
    if (!node) {
      return false;
    }
    const t = kind(node);
    return (
      t === 'comment' ||
      t === 'string_fragment' ||
      t === 'string_content' ||
      t === 'string' ||
      t === 'template_string' ||
      t === 'regex_pattern'
    );
  }

  /** Runs a global regex over the text (or a slice) and returns the match indexes and groups. */
  *scan(re: RegExp, from = 0, to = this.text.length): Generator<RegExpExecArray> {
    // Always run on the whole text (a slice would be flattened, a copy per scan) and stop at `to`.
    const text = this.text;
    re.lastIndex = from;
    for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
      }
      if (m.index + m[0].length <= to) {
        yield m;
      }
    }
  }

  /** What the file imports. */
  get imports(): Imports {
    return (this.importsCache ??= this.python ? this.pythonImports() : this.jsImports());
  }

  /** Whether Claude calls on unresolved receivers count (the file imports the SDK and not OpenAI). */
  get claudeFile(): boolean {
    return this.imports.anthropic && !this.imports.openai;
  }

  /** Client constructions in the file. */
  get clients(): ClientBinding[] {
    return (this.clientsCache ??= this.findClients());
  }

  /** Claude API calls in the file, in text order. */
  get calls(): ClaudeCall[] {
    return (this.callsCache ??= this.findCalls());
  }

  /**
   * Same-file functions named `name` (declarations, methods, functions assigned to a
   * variable, property or field, Python `def`) that contain a Claude call at any depth.
   * Found from the name's occurrences in the text, so only names a rule asks about cost
   * anything. Used to follow a mapped function one level.
   */
  functionsNamed(name: string): Node[] {
    if (!/^[A-Za-z_$][\w$]*$/.test(name) || this.calls.length === 0) {
      return [];
    }
    return this.memo(`functions-named:${name}`, () => {
      const out: Node[] = [];
      const text = this.text;
      const word = new RegExp(`(?<![\\w$])${name.replace(/[$]/g, '\\$')}(?![\\w$])`, 'g');
      for (let m = word.exec(text); m; m = word.exec(text)) {
        const at = m.index;
        if (!looksLikeDefinition(text, at, name.length, this.python)) {
          continue;
        }
        const id = this.nodeAt(at);
        const fn = id ? definedFunction(id, text) : null;
        if (
          fn &&
          !out.some((f) => f.startIndex === fn.startIndex) &&
          this.calls.some((c) => contains(fn, c.node))
        ) {
          out.push(fn);
        }
      }
      return out;
    });
  }

  /**
   * The values assigned to a plain name between two offsets (`name = value`,
   * `const name: T = value`), outermost expression first, in text order.
   */
  assignedValues(name: string, from: number, to: number): Node[] {
    const out: Node[] = [];
    const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?:^|[^\\w$.])${esc}\\s*(?::[^=\\n]*)?=(?![=>])\\s*`, 'g');
    for (const m of this.scan(re, from, to)) {
      const valueStart = m.index + m[0].length;
      let value = this.nodeAt(valueStart);
      for (let p = up(value); p && p.startIndex === valueStart && endOf(p) <= to; p = up(value)) {
        value = p;
      }
      if (value && value.startIndex === valueStart) {
        out.push(value);
      }
    }
    return out;
  }

  /** Claude calls lexically inside a node. */
  callsWithin(node: Node): ClaudeCall[] {
    const out: ClaudeCall[] = [];
    for (const call of this.calls) {
      if (call.node.startIndex >= node.startIndex && endOf(call.node) <= endOf(node)) {
        out.push(call);
      }
    }
    return out;
  }

  /**
   * Names (last segment) bound to a concurrency limiter: `limit = pLimit(5)`,
   * `queue = new PQueue(...)`, `sem = asyncio.Semaphore(10)`, `limiter = AsyncLimiter(...)`.
   */
  get limiterNames(): Set<string> {
    if (!this.limitersCache) {
      const names = new Set<string>();
      const ctors = [
        'pLimit',
        'pThrottle',
        'PQueue',
        'Bottleneck',
        'Sema',
        'Semaphore',
        'BoundedSemaphore',
        'Mutex',
        'RateLimiter',
        'AsyncLimiter',
        'CapacityLimiter',
        'Throttler',
        'Lock',
        'limitFunction',
        ...this.imports.limiterImports,
      ]
        .map((n) => n.replace(/[$]/g, '\\$'))
        .join('|');
      // Find the constructor first (a cheap literal scan), then read the name it is assigned to.
      const re = new RegExp(`\\b(?:${ctors})\\s*[(<]`, 'g');
      const assigned = /([A-Za-z_$][\w$]*)\s*(?::[^=\n]*)?=\s*(?:await\s+)?(?:new\s+)?(?:[\w$]+\.)*$/;
      for (const m of this.scan(re)) {
        const lineStart = this.text.lastIndexOf('\n', m.index) + 1;
        const found = assigned.exec(this.text.slice(Math.max(lineStart, m.index - 200), m.index));
        if (found) {
          names.add(found[1]);
        }
      }
      this.limitersCache = names;
    }
    return this.limitersCache;
  }

  // ---- imports -------------------------------------------------------------------------

  private emptyImports(): Imports {
    return {
      anthropic: false,
      openai: false,
      anthropicClasses: new Set(),
      anthropicNamespaces: new Set(),
      anthropicErrors: new Set(),
      openaiClasses: new Set(),
      openaiNamespaces: new Set(),
      retryLibs: new Map(),
      limiterImports: new Set(),
    };
  }

  private jsImports(): Imports {
    const imports = this.emptyImports();
    for (const m of this.scan(JS_IMPORT_RE)) {
      const source = m[2];
      const fast = this.jsImportFromText(m.index, m.index + m[0].length);
      if (fast) {
        this.addJsImport(imports, source, fast);
        continue;
      }
      let stringNode = this.nodeAt(m.index + 1);
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
            this.jsImportClause(clause, names);
          }
        }
      } else if (kind(holder) === 'arguments' && up(holder) && isCall(up(holder))) {
        const call = up(holder);
        const fn = this.textOf(callee(call));
        if (call && (fn === 'require' || fn === 'import')) {
          recognised = true;
          this.jsRequireBinding(call, names);
        }
      }
      if (!recognised) {
        continue;
      }
      this.addJsImport(imports, source, names);
    }
    return imports;
  }

  /** Records one import of `source` with its bindings. */
  private addJsImport(
    imports: Imports,
    source: string,
    names: Array<{ imported: string; local: string }>,
  ): void {
    const lib = source.startsWith('@anthropic-ai/')
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
  private jsImportFromText(
    quoteAt: number,
    end: number,
  ): Array<{ imported: string; local: string }> | undefined {
    const before = this.text.slice(Math.max(0, quoteAt - 600), quoteAt);
    const names: Array<{ imported: string; local: string }> = [];
    let keywordAt: number;
    const esm = /\b(?:import|export)\s+(?:type\s+)?([\w$\s{},*]*?)\s*\bfrom\s*$/.exec(before);
    const bare = /\bimport\s*$/.exec(before);
    const req =
      /\b(?:const|let|var)\s+([\w$]+|\{[^}]*\})\s*=\s*(?:await\s+)?(?:require|import)\s*\(\s*$/.exec(before);
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
      const after = /^\s*\)\s*(?:\.\s*([\w$]+))?/.exec(this.text.slice(end, end + 80));
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
    return this.inCommentOrString(keywordAt) ? undefined : names;
  }

  private jsImportClause(clause: Node, out: Array<{ imported: string; local: string }>): void {
    for (const part of namedChildren(clause)) {
      if (kind(part) === 'identifier') {
        out.push({ imported: 'default', local: this.textOf(part) });
      } else if (kind(part) === 'namespace_import') {
        const id = namedChildren(part)[0];
        if (id) {
          out.push({ imported: '*', local: this.textOf(id) });
        }
      } else if (kind(part) === 'named_imports') {
        for (const spec of namedChildren(part)) {
          const name = spec.childForFieldName('name');
          const alias = spec.childForFieldName('alias');
          if (name) {
            out.push({ imported: this.textOf(name), local: this.textOf(alias ?? name) });
          }
        }
      }
    }
  }

  private jsRequireBinding(call: Node, out: Array<{ imported: string; local: string }>): void {
    let n: Node | null = call;
    let member: string | undefined;
    for (
      let p = up(n);
      p && ['await_expression', 'parenthesized_expression', 'member_expression'].includes(kind(p));
      p = up(n)
    ) {
      if (kind(p) === 'member_expression') {
        member = this.textOf(memberProperty(p));
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
      out.push({ imported: member ?? '*', local: this.textOf(name) });
    } else if (kind(name) === 'object_pattern') {
      for (const prop of namedChildren(name)) {
        if (kind(prop) === 'shorthand_property_identifier_pattern') {
          out.push({ imported: this.textOf(prop), local: this.textOf(prop) });
        } else if (kind(prop) === 'pair_pattern') {
          const key = prop.childForFieldName('key');
          const value = prop.childForFieldName('value');
          if (key && kindOf(value) === 'identifier') {
            out.push({ imported: this.textOf(key), local: this.textOf(value) });
          }
        }
      }
    }
  }

  private pythonImports(): Imports {
    const imports = this.emptyImports();
    for (const m of this.scan(PY_IMPORT_RE)) {
      const keyword = m.index + m[0].search(/\S/);
      if (this.pythonImportFromText(imports, keyword)) {
        continue;
      }
      let stmt = this.nodeAt(keyword);
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
          const module = this.textOf(dotted);
          const root = module.split('.')[0];
          const local = alias ? this.textOf(alias) : root;
          this.pythonModule(imports, root, module, '*', local);
        }
      } else {
        const moduleNode = stmt.childForFieldName('module_name');
        if (!moduleNode || kind(moduleNode) !== 'dotted_name') {
          continue;
        }
        const module = this.textOf(moduleNode);
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
            this.pythonModule(imports, root, module, this.textOf(dotted), this.textOf(alias ?? dotted));
          }
        }
        if (!any) {
          this.pythonModule(imports, root, module, '', '');
        }
      }
    }
    return imports;
  }

  /**
   * Reads `import a.b as c, d` and `from m import (x as y, z)` from the text (one tree lookup
   * to make sure it is code). False when the statement has another shape (the tree is used).
   */
  private pythonImportFromText(imports: Imports, keyword: number): boolean {
    const lineEnd = this.text.indexOf('\n', keyword);
    let line = this.text.slice(keyword, lineEnd === -1 ? this.text.length : lineEnd).replace(/\s+#.*$/, '');
    if (line.endsWith('\\')) {
      return false;
    }
    const from = /^from\s+([\w.]+)\s+import\s+(.*)$/.exec(line);
    if (from && from[2].startsWith('(') && !from[2].includes(')')) {
      const close = this.text.indexOf(')', keyword);
      if (close === -1) {
        return false;
      }
      line = this.text.slice(keyword, close + 1).replace(/#[^\n]*/g, '');
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
    if (this.inCommentOrString(keyword)) {
      return true; // not code: nothing to record
    }
    const fromMatch = /^from\s+([\w.]+)\s+import\s+([\s\S]*)$/.exec(line);
    if (fromMatch) {
      if (fromMatch[2].trim() === '*') {
        this.pythonModule(imports, fromMatch[1].split('.')[0], fromMatch[1], '', '');
        return true;
      }
      const list = items(fromMatch[2].trim());
      if (!list) {
        return false;
      }
      const root = fromMatch[1].split('.')[0];
      for (const [name, alias] of list) {
        this.pythonModule(imports, root, fromMatch[1], name, alias ?? name);
      }
      return true;
    }
    const plain = /^import\s+(.*)$/.exec(line);
    const list = plain ? items(plain[1]) : undefined;
    if (!list) {
      return false;
    }
    for (const [module, alias] of list) {
      const root = module.split('.')[0];
      this.pythonModule(imports, root, module, '*', alias ?? root);
    }
    return true;
  }

  private pythonModule(
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

  // ---- clients ---------------------------------------------------------------------------

  /** The vendor of a constructor expression (`Anthropic`, `anthropic.AsyncAnthropic`, `sdk.default`). */
  vendorOfConstructor(ctor: Node | null): 'anthropic' | 'openai' | undefined {
    const name = dottedName(ctor, this.text);
    return name ? this.vendorOfName(name) : undefined;
  }

  /** Whether a class name (`Anthropic`, `AsyncAnthropicBedrock`, `OpenAI`; JS `default` on a namespace) is a client. */
  private isClientClass(vendor: 'anthropic' | 'openai', name: string, onNamespace: boolean): boolean {
    if (this.python) {
      return (vendor === 'anthropic' ? PY_ANTHROPIC_CLASS : PY_OPENAI_CLASS).test(name);
    }
    return (
      (vendor === 'anthropic' ? JS_ANTHROPIC_CLASSES : JS_OPENAI_CLASSES).has(name) ||
      (onNamespace && name === 'default')
    );
  }

  /** The key an expression is known by: `client`, `this.client` (`self.` becomes `this.`). */
  keyOf(expr: Node | null): string | null {
    if (expr) {
      // Fast path from the text for plain chains: `client`, `this.client`, `self._client`.
      const raw = this.text.slice(expr.startIndex, endOf(expr));
      if (/^[A-Za-z_$#][\w$]*(?:\s*\.\s*#?[A-Za-z_$][\w$]*)*$/.test(raw)) {
        return raw.replace(/\s+/g, '').replace(/^(?:self|cls)\./, 'this.');
      }
    }
    const name = dottedName(expr, this.text);
    if (!name) {
      return null;
    }
    return name.replace(/^(?:self|cls)\./, 'this.');
  }

  private findClients(): ClientBinding[] {
    const imports = this.imports;
    const out: ClientBinding[] = [];
    if (!imports.anthropic && !imports.openai) {
      return out;
    }
    // Each candidate: where the constructor/withOptions name starts, the name, and its `(`.
    const candidates: Array<{ at: number; name: string; paren: number }> = [];
    if (this.python) {
      const local = [...imports.anthropicClasses, ...imports.openaiClasses].map((n) =>
        n.replace(/[$]/g, '\\$'),
      );
      const names = [
        '(?:Async)?(?:Azure)?OpenAI',
        '(?:Async)?Anthropic(?:Bedrock|Vertex|Foundry)?',
        'with_options',
        ...local,
      ];
      const re = new RegExp(`\\b((?:[A-Za-z_]\\w*\\.)*(?:${names.join('|')}))\\s*\\(`, 'g');
      for (const m of this.scan(re)) {
        candidates.push({ at: m.index, name: m[1], paren: m.index + m[0].length - 1 });
      }
    } else {
      for (const m of this.scan(/\bnew\s+([A-Za-z_$][\w$.]*)\s*(\(?)|\.\s*withOptions\s*\(/g)) {
        if (!m[1]) {
          candidates.push({
            at: m.index + m[0].indexOf('withOptions'),
            name: 'withOptions',
            paren: m.index + m[0].length - 1,
          });
        } else if (this.mayBeClient(m[1])) {
          candidates.push({ at: m.index, name: m[1], paren: m[2] ? m.index + m[0].length - 1 : -1 });
        }
      }
    }
    for (const c of candidates) {
      const binding = this.clientAt(c.at, c.name, c.paren);
      if (binding) {
        out.push(binding);
      }
    }
    out.sort((a, b) => a.node.startIndex - b.node.startIndex);
    return out;
  }

  /** A cheap text test before looking at the tree: could `new <name>` construct a client? */
  private mayBeClient(name: string): boolean {
    const imports = this.imports;
    const dot = name.indexOf('.');
    const head = dot === -1 ? name : name.slice(0, dot);
    return (
      imports.anthropicClasses.has(head) ||
      imports.openaiClasses.has(head) ||
      imports.anthropicNamespaces.has(head) ||
      imports.openaiNamespaces.has(head) ||
      JS_ANTHROPIC_CLASSES.has(head) ||
      JS_OPENAI_CLASSES.has(head)
    );
  }

  private clientAt(offset: number, name: string, paren: number): ClientBinding | null {
    const isWithOptions = /(?:^|\.)(?:withOptions|with_options)$/.test(name);
    const vendor = isWithOptions ? 'anthropic' : this.vendorOfName(name);
    if (!vendor) {
      return null;
    }
    // The construction (or withOptions call) is the smallest node spanning the name and `(`.
    let n: Node | null = paren >= 0 ? this.root.descendantForIndex(offset, paren + 1) : this.nodeAt(offset);
    for (let i = 0; n && i < 3 && kind(n) !== 'new_expression' && !isCall(n); i++) {
      n = up(n);
    }
    if (!n || !(kind(n) === 'new_expression' || isCall(n))) {
      return null;
    }
    let derivedFrom: Node | undefined;
    if (isWithOptions) {
      const base = memberObject(callee(n));
      if (!base) {
        return null;
      }
      derivedFrom = base;
    }
    const options = callParams(n, this.text, this.python);
    return { vendor, key: this.bindingKeyFromText(n) ?? this.bindingKey(n), node: n, options, derivedFrom };
  }

  /** The vendor of a constructor written as `Anthropic`, `anthropic.AsyncAnthropic`, `sdk.default`. */
  private vendorOfName(name: string): 'anthropic' | 'openai' | undefined {
    const imports = this.imports;
    const dot = name.indexOf('.');
    if (dot === -1) {
      if (imports.anthropicClasses.has(name)) {
        return 'anthropic';
      }
      if (imports.openaiClasses.has(name)) {
        return 'openai';
      }
      if (imports.anthropic && this.isClientClass('anthropic', name, false)) {
        return 'anthropic';
      }
      if (imports.openai && this.isClientClass('openai', name, false)) {
        return 'openai';
      }
      return undefined;
    }
    const head = name.slice(0, dot);
    const last = lastSegment(name);
    if (imports.anthropicNamespaces.has(head)) {
      return this.isClientClass('anthropic', last, true) ? 'anthropic' : undefined;
    }
    if (imports.openaiNamespaces.has(head)) {
      return this.isClientClass('openai', last, true) ? 'openai' : undefined;
    }
    return undefined;
  }

  /**
   * The binding key read from the text before a construction, for the unambiguous shapes:
   * `const client = ...`, `this.client = ...` / `self.client = ...`, and a Python
   * module-level `client = ...`. Undefined otherwise (the tree decides).
   */
  private bindingKeyFromText(expr: Node): string | null | undefined {
    const lineStart = this.text.lastIndexOf('\n', expr.startIndex - 1) + 1;
    const prefix = this.text.slice(lineStart, expr.startIndex);
    const decl =
      /(?:^|[;{(,]\s*)(?:export\s+)?(?:const|let|var)\s+([\w$]+)\s*(?::[^=]*)?=\s*(?:await\s+)?$/.exec(
        prefix,
      );
    if (decl) {
      return decl[1];
    }
    const member = /(?:^|[\s;{(,])(?:this|self)\s*\.\s*(#?[\w$]+)\s*(?::[^=]*)?=\s*(?:await\s+)?$/.exec(
      prefix,
    );
    if (member) {
      return `this.${member[1]}`;
    }
    if (this.python) {
      const top = /^([A-Za-z_]\w*)\s*(?::[^=]*)?=\s*(?:await\s+)?$/.exec(prefix);
      if (top) {
        return top[1];
      }
    }
    return undefined;
  }

  /** The name a constructed value is stored in, if any. */
  private bindingKey(expr: Node): string | null {
    let n: Node = expr;
    const wrappers = [
      'await_expression',
      'await',
      'parenthesized_expression',
      'as_expression',
      'non_null_expression',
      'satisfies_expression',
    ];
    for (let p = up(n); p && wrappers.includes(kind(p)); p = up(n)) {
      n = p;
    }
    const parent = up(n);
    if (!parent) {
      return null;
    }
    switch (kind(parent)) {
      case 'variable_declarator': {
        const name = parent.childForFieldName('name');
        return kindOf(name) === 'identifier' ? this.textOf(name) : null;
      }
      case 'public_field_definition':
      case 'field_definition': {
        const name = parent.childForFieldName('name') ?? parent.childForFieldName('property');
        return name ? `this.${this.textOf(name)}` : null;
      }
      case 'assignment_expression':
      case 'assignment': {
        const left = parent.childForFieldName('left');
        const key = this.keyOf(left);
        if (key && this.python && !key.includes('.') && kindOf(up(up(up(parent)))) === 'class_definition') {
          return `this.${key}`;
        }
        return key;
      }
      case 'as_pattern': {
        const alias = parent.childForFieldName('alias');
        return alias ? this.keyOf(namedChildren(alias)[0] ?? alias) : null;
      }
      default:
        return null;
    }
  }

  /** The client binding an expression refers to, if the file constructs it. */
  resolveClient(expr: Node, before: number): ClientBinding | null {
    const r = unwrap(expr);
    if (!r) {
      return null;
    }
    if (kind(r) === 'new_expression' || isCall(r)) {
      return (
        this.clients.find((c) => c.node.startIndex === r.startIndex && endOf(c.node) === endOf(r)) ?? null
      );
    }
    const key = this.keyOf(r);
    if (!key) {
      return null;
    }
    let first: ClientBinding | null = null;
    let best: ClientBinding | null = null;
    for (const c of this.clients) {
      if (c.key === key) {
        first ??= c;
        if (c.node.startIndex < before) {
          best = c;
        }
      }
    }
    return best ?? first;
  }

  // ---- calls -----------------------------------------------------------------------------

  private findCalls(): ClaudeCall[] {
    const imports = this.imports;
    const out: ClaudeCall[] = [];
    if (!imports.anthropic) {
      return out;
    }
    // `messages` … up to the call's opening parenthesis; the call is then the smallest node
    // spanning both, found in one lookup.
    const re =
      /\bmessages\s*(?:\?\.|!?\.)\s*(?:(?:with_raw_response|with_streaming_response)\s*\.\s*)?(create|stream|batches\s*\.\s*create)\s*(?:<[^()]*?>\s*)?(?:\?\.\s*)?\(/g;
    for (const m of this.scan(re)) {
      const method = m[1] === 'create' ? 'create' : m[1] === 'stream' ? 'stream' : 'batches.create';
      const call = this.callAt(m.index, m.index + m[0].length - 1, method);
      if (call) {
        out.push(call);
      }
    }
    return out;
  }

  private callAt(messagesAt: number, parenAt: number, method: ClaudeCall['method']): ClaudeCall | null {
    const call = this.root.descendantForIndex(messagesAt, parenAt + 1);
    if (!call || !isCall(call) || call.startIndex >= messagesAt) {
      return null;
    }
    const fnNode = callee(call);
    if (!fnNode || fnNode.startIndex !== call.startIndex || endOf(fnNode) > parenAt) {
      return null;
    }
    // The client is the expression before `.messages` (and before `.beta`), found in one lookup.
    let receiverEnd = this.memberEndBefore(messagesAt);
    let beta = false;
    const head = this.text.slice(call.startIndex, receiverEnd);
    if (/(?:^|[^\w$])(?:threads|chat|assistants)$/.test(head)) {
      return null; // OpenAI: client.beta.threads.messages.create(thread_id, ...)
    }
    const betaAt = /\bbeta$/.exec(head);
    if (betaAt && betaAt.index > 0) {
      beta = true;
      receiverEnd = this.memberEndBefore(call.startIndex + betaAt.index);
    }
    if (receiverEnd <= call.startIndex) {
      return null;
    }
    const receiver = this.root.descendantForIndex(call.startIndex, receiverEnd);
    if (!receiver || receiver.startIndex !== call.startIndex || endOf(receiver) !== receiverEnd) {
      return null;
    }
    if (/openai|\boai\b|twilio|vonage|sinch|slack|discord/i.test(this.textOf(receiver))) {
      return null; // other SDKs with a `messages.create` (OpenAI Assistants, SMS, chat)
    }
    const client = this.resolveClient(receiver, call.startIndex);
    if (
      client
        ? client.vendor !== 'anthropic'
        : !this.claudeFile || this.boundToOtherClass(receiver, call.startIndex)
    ) {
      return null;
    }
    let params: ParamSet;
    let options: ParamSet;
    if (this.python) {
      params = callParams(call, this.text, true);
      options = params;
    } else {
      const args = positionalArgs(call);
      const first = unwrap(args[0] ?? null);
      if (first && (kind(first) === 'string' || kind(first) === 'template_string')) {
        return null; // (threadId, {...}) is the OpenAI Assistants shape
      }
      params = first ? objectParams(first, this.text) : { node: null, entries: new Map(), open: false };
      options = args[1] ? objectParams(args[1], this.text) : { node: null, entries: new Map(), open: false };
    }
    // A Messages request always names `model` and `messages` (a batch: `requests`); literal
    // params with neither belong to some other API (`client.messages.create({ body, to })`).
    const e = params.entries;
    if (
      !client &&
      !params.open &&
      e.size > 0 &&
      (method === 'batches.create' ? !e.has('requests') : !e.has('model') && !e.has('messages'))
    ) {
      return null;
    }
    return { node: call, callee: fnNode, receiver, method, beta, params, options, client };
  }

  /**
   * Whether a receiver is a plain name this file assigns from another class before the call:
   * `const sms = new Twilio(...)`, `client = Client(sid, token)` (a capitalised Python call).
   */
  private boundToOtherClass(receiver: Node, before: number): boolean {
    const r = unwrap(receiver);
    if (!r || kind(r) !== 'identifier') {
      return false;
    }
    const values = this.assignedValues(this.textOf(r), 0, before);
    const last = unwrap(values[values.length - 1] ?? null);
    if (!last) {
      return false;
    }
    const k = kind(last);
    if (k === 'new_expression') {
      return this.vendorOfConstructor(callee(last)) === undefined;
    }
    if (this.python && k === 'call') {
      const name = lastSegment(dottedName(callee(last), this.text));
      return /^[A-Z]/.test(name) && this.vendorOfConstructor(callee(last)) === undefined;
    }
    return false;
  }

  /**
   * Where the object of a member access ends, given the offset of the property name:
   * skips back over whitespace, the `.` (or `?.`) and whitespace again.
   */
  private memberEndBefore(propertyAt: number): number {
    const text = this.text;
    let j = propertyAt - 1;
    while (j >= 0 && /\s/.test(text[j])) {
      j--;
    }
    if (text[j] === '.') {
      j--;
    }
    if (text[j] === '?') {
      j--;
    }
    while (j >= 0 && /\s/.test(text[j])) {
      j--;
    }
    return j + 1;
  }

  /** Whether the call's argument list exists (for ranges). */
  argsOf(call: ClaudeCall): Node | null {
    return argumentList(call.node);
  }

  /** Whether a node sits inside a function node type (for scoping text searches). */
  static isFunction(node: Node): boolean {
    return FUNCTION_TYPES.has(kind(node));
  }
}

/**
 * A cheap text test on one occurrence of a name: could it be where a function is defined?
 * `def f(`, `function f(`, `f = ...`, `f: ...`, or a method `f(` at the start of a line
 * (after modifiers). Calls such as `await f(x)` are rejected without touching the tree.
 */
function looksLikeDefinition(text: string, at: number, length: number, python: boolean): boolean {
  let j = at + length;
  while (text[j] === ' ' || text[j] === '\t') {
    j++;
  }
  const next = text[j];
  if (next === '=') {
    return text[j + 1] !== '=' && text[j + 1] !== '>';
  }
  if (next === ':') {
    return !python; // JS property or typed variable; Python's `f: T = ...` is not a def
  }
  if (next !== '(' && next !== '<') {
    return false;
  }
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const prefix = text.slice(lineStart, at).trim();
  return python
    ? /(?:^|\s)def$/.test(prefix)
    : prefix === '' ||
        /(?:^|[\s*])(?:function\s*\*?|async|static|public|private|protected|override|get|set|\*)$/.test(
          prefix,
        );
}

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && endOf(inner) <= endOf(outer);
}

const NAMED_FUNCTIONS = new Set([
  'function_declaration',
  'generator_function_declaration',
  'method_definition',
  'function_definition',
]);
const HOLDERS = new Set([
  'variable_declarator',
  'pair',
  'assignment_expression',
  'assignment',
  'public_field_definition',
  'field_definition',
]);

/** The function a name node defines (`function f`, `def f`, `f() {}`, `const f = () => ...`), or null. */
function definedFunction(id: Node, text: string): Node | null {
  const t = kind(id);
  if (t !== 'identifier' && t !== 'property_identifier' && t !== 'private_property_identifier') {
    return null;
  }
  const parent = up(id);
  if (!parent) {
    return null;
  }
  const pt = kind(parent);
  if (NAMED_FUNCTIONS.has(pt)) {
    return parent.childForFieldName('name')?.startIndex === id.startIndex ? parent : null;
  }
  if (HOLDERS.has(pt)) {
    const nameNode =
      parent.childForFieldName('name') ??
      parent.childForFieldName('key') ??
      parent.childForFieldName('left') ??
      parent.childForFieldName('property');
    if (nameNode?.startIndex !== id.startIndex) {
      return null;
    }
    const value = unwrap(parent.childForFieldName('value') ?? parent.childForFieldName('right'));
    return value && FUNCTION_TYPES.has(kind(value)) ? value : null;
  }
  void text;
  return null;
}
