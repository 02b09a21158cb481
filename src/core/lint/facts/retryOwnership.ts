import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { escapeRegExp } from '../../parse/escapeRegExp';
import {
  argumentList,
  callee,
  contains,
  enclosingFunction,
  functionName,
  isCall,
  kind,
  up,
  endOf,
} from '../syntax';
import type { ClientBinding } from './clients';
import { hasOwnRetryHandling } from './retryLibraries';
import { tryBodies } from './errorChecks';
import { catchesOwnErrors } from './rateLimitGuards';

/**
 * Whether the code around a Claude call (or a reference to `client.messages.create` passed
 * as a value) takes over the retries a client turned off: a retry loop, library or
 * retry-named wrapper (`hasOwnRetryHandling`); a `catch`/`except` for rate limits that
 * sleeps, re-queues or calls its function again; an argument of a same-file retry wrapper
 * (`backoff_create(client.messages.create, ...)`, a function with a loop, a `try` and a
 * wait); or, following same-file functions up to `depth` calls away, every place that calls
 * the enclosing function does one of those (`@backoff.on_predicate def ask(): return _call()`).
 */
export function retriedByCaller(ctx: FileContext, node: Node, depth = 2): boolean {
  if (hasOwnRetryHandling(ctx, node) || retriesInHandler(ctx, node) || inRetryWrapperArgs(ctx, node)) {
    return true;
  }
  if (depth === 0) {
    return false;
  }
  const fn = enclosingFunction(node);
  const name = fn ? functionName(fn, ctx.text) : undefined;
  if (!fn || !name) {
    return false;
  }
  // Once per function and depth, not per call in it: a function with many calls stays linear.
  return ctx.memo(`retried-by-callers:${fn.startIndex}:${depth}`, () => {
    const uses = usesOf(ctx, name, fn);
    return uses.length > 0 && uses.every((u) => retriedByCaller(ctx, u, depth - 1));
  });
}

/** Rate-limit wording in a handler's head or body. */
const RATE_LIMIT = /RateLimitError|OverloadedError|\b429\b|\b529\b|rate.?limit|retry.?after/i;
/** What a handler does to retry: wait, re-queue, or hand over to a retry helper. */
const RETRY_ACTION =
  /\bsleep\s*\(|setTimeout\s*\(|\bwait\w*\s*\(|\bdelay\s*\(|retr(?:y|ies)|backoff|requeue|enqueue|\.put(?:_nowait)?\s*\(|\.push\s*\(/i;

/**
 * Whether a call sits in a `try` whose rate-limit handler retries it: the handler names
 * the rate limit (class, status, 429) and waits, re-queues or calls the enclosing function again.
 */
function retriesInHandler(ctx: FileContext, node: Node): boolean {
  const fn = enclosingFunction(node);
  const name = fn ? functionName(fn, ctx.text) : undefined;
  const again = name ? new RegExp(`(?<![\\w$])${escapeRegExp(name)}\\s*\\(`) : null;
  for (const body of tryBodies(ctx)) {
    if (!(body.start <= node.startIndex && endOf(node) <= body.end)) {
      continue;
    }
    if (fn && !contains(fn, body.node)) {
      continue; // a try around the function's definition, not this call
    }
    for (const clause of body.node.namedChildren) {
      if (!clause) {
        continue;
      }
      const k = kind(clause);
      if (k !== 'catch_clause' && k !== 'except_clause' && k !== 'except_group_clause') {
        continue;
      }
      const text = ctx.textOf(clause);
      if (RATE_LIMIT.test(text) && (RETRY_ACTION.test(text) || (again?.test(text) ?? false))) {
        return true;
      }
    }
  }
  return false;
}

/** Whether a node is (inside) an argument of a call to a same-file retry wrapper. */
function inRetryWrapperArgs(ctx: FileContext, node: Node): boolean {
  let prev: Node = node;
  for (let n = up(node); n; prev = n, n = up(n)) {
    if (isCall(n)) {
      const args = argumentList(n);
      const head = callee(n);
      if (
        args &&
        head &&
        contains(args, prev) &&
        kind(head) === 'identifier' &&
        isRetryWrapper(ctx, ctx.textOf(head))
      ) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Whether a same-file function is a retry wrapper: its body has a loop, a `try` and a wait
 * (`for i in range(n): try: return fn() except ...: sleep(...)`), or a `try` whose handler
 * calls the function again.
 */
export function isRetryWrapper(ctx: FileContext, name: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
    return false;
  }
  return ctx.memo(`retry-wrapper:${name}`, () => {
    const n = escapeRegExp(name);
    const def = new RegExp(
      `(?:\\bdef\\s+${n}\\s*\\(|\\bfunction\\s*\\*?\\s*${n}\\s*(?:<[^>(]*>\\s*)?\\(|(?<![\\w$.])${n}\\s*(?::[^=\\n]*)?=\\s*(?:async\\s*)?(?:function\\b|\\([^)]*\\)\\s*=>|[A-Za-z_$][\\w$]*\\s*=>))`,
      'g',
    );
    for (const m of ctx.scan(def)) {
      if (ctx.inCommentOrString(m.index)) {
        continue;
      }
      let fn: Node | null = ctx.nodeAt(m.index + m[0].search(/[\w$]/));
      while (fn && !isFunction(fn)) {
        fn = up(fn);
      }
      if (!fn) {
        // `const f = (...) =>`: the arrow function is the declarator's value.
        continue;
      }
      const body = ctx.textOf(fn);
      const loop = /\b(?:for|while)\b/.test(body);
      const tries = /\btry\b/.test(body);
      const waits =
        /\bsleep\s*\(|setTimeout\s*\(|\bwait\w*\s*\(|\bdelay\s*\(|backoff|\*\*\s*\w+|\bMath\.pow\b|2\s*\*\*/.test(
          body,
        );
      const recurses = new RegExp(`(?<![\\w$])${n}\\s*\\(`).test(body.slice(m[0].length));
      if (tries && ((loop && waits) || recurses)) {
        return true;
      }
    }
    return false;
  });
}

function isFunction(n: Node): boolean {
  const k = kind(n);
  if (k === 'variable_declarator') {
    const value = n.childForFieldName('value');
    return !!value && /function|arrow/.test(kind(value));
  }
  return (
    k === 'function_definition' ||
    k === 'function_declaration' ||
    k === 'generator_function_declaration' ||
    k === 'method_definition'
  );
}

/**
 * The places a same-file function is used (called or passed), other than its definition
 * and its own body: identifiers and `self.f` / `this.f` member expressions. At most 32.
 */
function usesOf(ctx: FileContext, name: string, fn: Node): Node[] {
  const out: Node[] = [];
  for (const at of ctx.wordsOf(name)) {
    if (at >= fn.startIndex && at < endOf(fn)) {
      continue; // the definition (`def f`, `f() {`) or a recursive call
    }
    if (ctx.inCommentOrString(at)) {
      continue;
    }
    let node: Node | null = ctx.nodeAt(at);
    const parent = up(node);
    if (parent && /member_expression|attribute/.test(kind(parent))) {
      node = parent;
    }
    if (node && isDefinitionName(node, at)) {
      continue; // `const f = ...` / `f = ...`: the name being defined
    }
    if (node) {
      out.push(node);
    }
    if (out.length > 32) {
      break;
    }
  }
  return out;
}

function isDefinitionName(node: Node, at: number): boolean {
  const parent = up(node);
  if (!parent) {
    return false;
  }
  const k = kind(parent);
  const target =
    parent.childForFieldName('name') ??
    (k === 'assignment' || k === 'assignment_expression' ? parent.childForFieldName('left') : null);
  return !!target && target.startIndex === at;
}

/**
 * References to a client's `messages.create` / `messages.stream` that are passed as values
 * (not called): `backoff_create(client.messages.create, ...)`, `retry(client.messages.create)`.
 */
export function methodReferences(ctx: FileContext, client: ClientBinding): Node[] {
  const out: Node[] = [];
  for (const m of ctx.scanFromHint(/\bmessages\s*\.\s*(?:create|stream)\b(?!\s*[(<\w$])/y, /\bmessages/g)) {
    if (ctx.inCommentOrString(m.index)) {
      continue;
    }
    let member: Node | null = ctx.nodeAt(m.index);
    while (
      member &&
      up(member) &&
      endOf(up(member)!) <= m.index + m[0].length &&
      /member_expression|attribute/.test(kind(up(member)!))
    ) {
      member = up(member);
    }
    if (!member || !/member_expression|attribute/.test(kind(member))) {
      continue;
    }
    const receiverEnd = m.index;
    const head = ctx.text
      .slice(member.startIndex, receiverEnd)
      .replace(/\s*\.\s*$/, '')
      .replace(/\s*\.\s*beta$/, '');
    if (!head) {
      continue;
    }
    const key = head.replace(/\s+/g, '').replace(/^(?:self|cls)\./, 'this.');
    if (client.key !== null && key === client.key) {
      out.push(member);
    }
  }
  return out;
}

/**
 * Whether a comment at the client (on its lines or the two lines above) says the caller
 * owns retries: "retries are handled by the job queue", "we do our own backoff".
 */
export function retriesOwnedByComment(ctx: FileContext, client: Node, entry: Node): boolean {
  const text = ctx.text;
  let from = text.lastIndexOf('\n', client.startIndex - 1) + 1;
  for (let i = 0; i < 2 && from > 0; i++) {
    from = text.lastIndexOf('\n', from - 2) + 1;
  }
  const lineEnd = text.indexOf('\n', Math.max(endOf(client), endOf(entry)));
  const to = lineEnd === -1 ? text.length : lineEnd;
  // A sentence that runs on over comment lines is read whole ("so retries are governed" /
  // "by runAgent, not doubled by the SDK"); a line that ends a sentence starts the next one.
  let sentence = '';
  let lastLine = -2;
  for (const m of ctx.scan(/(?:\/\/|#|\/\*)[^\n]*/g, from, to)) {
    const node = ctx.nodeAt(m.index);
    if (!node || kind(node) !== 'comment') {
      continue;
    }
    const line = ctx.lines.lineAt(m.index);
    const said = m[0].replace(/^(?:\/\/|#|\/\*)\s*/, '');
    sentence =
      line === lastLine + 1 && sentence && !/[.!?:;]\s*$/.test(sentence) ? `${sentence} ${said}` : said;
    lastLine = line;
    if (
      (OWNS.test(sentence) || OWNS_INTL.test(sentence) || OWNS_CJK.test(sentence)) &&
      !NOT_DONE.test(sentence)
    ) {
      return true;
    }
  }
  return false;
}

const RETRY_WORD = String.raw`(?:retr(?:y|ies|ied|ying)|back-?off)`;
const OWNER_WORD = String.raw`(?:handled?|handles|owns?|ourselves|callers?|outside|elsewhere|upstream|wrapper|queue|layer|manually|our own|we do|by (?:the|our|a)|base class|parent class|superclass|governed|managed|controlled|orchestrated)`;
/**
 * The same in Spanish, Portuguese, French, German and Italian ("los reintentos los maneja la
 * clase base", "Wiederholungen übernimmt der Aufrufer"): a retry word and an owner word, not a
 * bare "sin reintentos". Word starts are found with a letter look-behind (`\b` is ASCII-only).
 */
const RETRY_INTL = String.raw`reintent|retentativ|novas tentativas|nuevos intentos|r[ée]essa|nouvelles tentatives|relanc|wiederhol|neuversuch|riprov|nuovi tentativi`;
const OWNER_INTL = String.raw`manej|gestion|se encarga|clase base|capa superior|llamador|nosotros|trata|gerenci|cuida|classe base|camada|chamador|g[èée]r|classe de base|classe parente|appelant|couche|übernimm|basisklasse|oberklasse|aufrufer|kümmert|erledigt|gestisc|gestit|chiamante`;
const OWNS_INTL = new RegExp(
  String.raw`(?<!\p{L})(?:${RETRY_INTL})[^\n]*(?<!\p{L})(?:${OWNER_INTL})|(?<!\p{L})(?:${OWNER_INTL})[^\n]*(?<!\p{L})(?:${RETRY_INTL})`,
  'iu',
);
/**
 * The same in Korean, Japanese and Chinese, written without spaces between words ("자체 재시도
 * 로직 사용", "リトライは呼び出し元で制御する", "由调用方负责重试"): a retry word and an owner word in
 * either order, not a bare "재시도 없음" (no retries).
 */
const RETRY_CJK = String.raw`재시도|리트라이|リトライ|再試行|重试|重試`;
const OWNER_CJK = String.raw`자체|직접|처리|담당|로직|호출자|상위|自前|独自|制御|処理|担当|呼び出し元|上位|自行|自己|处理|控制|调用方|上层|负责|負責`;
const OWNS_CJK = new RegExp(
  String.raw`(?:${RETRY_CJK})[^\n]*(?:${OWNER_CJK})|(?:${OWNER_CJK})[^\n]*(?:${RETRY_CJK})`,
  'u',
);
/** A comment about work still to do: `TODO: handle retries` says nobody owns them yet. */
const NOT_DONE = /\b(?:TODO|FIXME|XXX|HACK)\b/;
const OWNS = new RegExp(
  String.raw`\b${RETRY_WORD}\b[^\n]*\b${OWNER_WORD}\b|\b${OWNER_WORD}\b[^\n]*\b${RETRY_WORD}`,
  'i',
);

/**
 * Whether the file maps rate-limit errors to the app's own retryable error, so its retry
 * layer (a base class, a caller) owns the retries: `if isinstance(exc, RateLimitError):
 * return LLMError(kind="rate_limit", retryable=True)`, `raise RetryableError(...)` in an
 * `except RateLimitError` (not `retryable=False`). Read only when the file says "retr".
 */
export function rateLimitsMappedToRetryable(ctx: FileContext): boolean {
  return ctx.memo('rate-limits-mapped-to-retryable', () => {
    if (!/retr/i.test(ctx.text)) {
      return false;
    }
    for (const m of ctx.scan(/RateLimitError|\b429\b/g)) {
      if (ctx.inCommentOrString(m.index)) {
        continue;
      }
      // The next three lines, at most 400 characters (bounded, so the scan stays linear).
      const next = ctx.text
        .slice(m.index, m.index + 400)
        .split('\n', 3)
        .join('\n');
      if (
        /\b(?:return|raise|throw)\b[^\n]*?\bretr(?:y|iable)\w*\b(?!\s*[=:]\s*(?:False|false))/i.test(next)
      ) {
        return true;
      }
    }
    return false;
  });
}

/**
 * Whether a client is built in a class that extends a base class imported from the same
 * package (`class ClaudeProvider(BaseProvider)` with `from .base import BaseProvider`;
 * `class ClaudeBackend extends Backend` with `import { Backend } from './backend'`), and every
 * request through it lets its errors out (no handler around it that swallows a rate limit):
 * a provider plugged into the app's own framework, whose callers (elsewhere) decide how to
 * retry or fall back, as for a factory's client.
 */
export function pluggedIntoPackageBase(ctx: FileContext, client: Node, calls: readonly Node[]): boolean {
  let cls: Node | null = up(client);
  while (
    cls &&
    kind(cls) !== 'class_definition' &&
    kind(cls) !== 'class_declaration' &&
    kind(cls) !== 'class'
  ) {
    cls = up(cls);
  }
  if (!cls || calls.some((c) => !contains(cls, c) || catchesOwnErrors(ctx, c))) {
    return false;
  }
  const bases = ctx.python
    ? ctx.textOf(cls.childForFieldName('superclasses'))
    : (/\bextends\s+([A-Za-z_$][\w$.]*)/.exec(ctx.textOf(cls).slice(0, 300))?.[1] ?? '');
  return (bases.match(/[A-Za-z_$][\w$]*/g) ?? []).slice(0, 4).some((name) => {
    const n = escapeRegExp(name);
    const from = ctx.python
      ? new RegExp(String.raw`^[ \t]*from[ \t]+\.[\w.]*[ \t]+import[ \t]+[^\n]*\b${n}\b`, 'm')
      : new RegExp(String.raw`\bimport\s+(?:\{[^}]*\b${n}\b[^}]*\}|${n})\s+from\s+['"]\.{1,2}/`);
    return from.test(ctx.text);
  });
}
