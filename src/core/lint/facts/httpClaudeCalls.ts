import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import type { Derived } from '../scanCache';
import {
  callee,
  endOf,
  FUNCTION_TYPES,
  isCall,
  kind,
  lastSegment,
  namedChildren,
  positionalArgs,
  stringValue,
  unwrap,
  up,
} from '../syntax';
import { keywordParams } from './arguments';
import { assignedValues, lastAssignedValue } from './functions';
import type { ClaudeCall } from './calls';
import { callOpeningAt } from './otherClaudeCalls';
import { functionAt, siteCall } from './callGraph';
import { builtMessagesUrl } from './messagesUrls';

/**
 * A name assigned a string ending in the endpoint, with the tail it cannot match without (see
 * `FileContext.scanLines`: tried at every offset, the pattern alone costs more than the rest
 * of the analysis of a large file).
 */
export const ENDPOINT_ASSIGNMENT: [RegExp, RegExp] = [
  /([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]{0,40})?=[ \t]*[fF]?(['"`])[^'"`\n]{0,200}?\/v1\/messages\2/g,
  /\/v1\/messages/g,
];

/** `post(` / `fetch(` / `request(` (sticky), found from the line-local matches of the name (see `FileContext.scanFromHint`). */
const SEND_CALL = /\b(?:post|fetch|request)\s*\(/y;
const SEND_HINT = /\b(?:post|fetch|request)\b/g;

/**
 * The Messages API called over raw HTTP, for the rules that care about a request being
 * retried or its errors read (`naive-retry`, `string-matched-error`):
 * `requests.post("https://api.anthropic.com/v1/messages", ...)`, `httpx.post(URL, ...)`,
 * `session.post(...)`, `axios.post(...)`, `fetch(URL, {...})`, `request(URL, {...})`. Recognised only by the
 * endpoint: the first argument (Python: or `url=`) is a string ending in `/v1/messages` (not `/v1/messages/batches`,
 * not `count_tokens`), or a same-file name assigned one; or the request goes through a client instance
 * whose base URL reaches the endpoint (see `baseUrlInstances`: `api.post('', body)` on
 * `axios.create({ baseURL: 'https://api.anthropic.com/v1/messages' })`). Files without the text
 * `/v1/messages`, `anthropic-version` or `api.anthropic.com` are not read further. Found once per file.
 */
export function httpClaudeCalls(ctx: FileContext): ClaudeCall[] {
  return ctx.memo('http-claude-calls', () => {
    const out: ClaudeCall[] = [];
    const versioned = ctx.text.includes('anthropic-version');
    if (!ctx.text.includes('/v1/messages') && !versioned && !ctx.text.includes('api.anthropic.com')) {
      return out;
    }
    const names = endpointNames(ctx);
    // (`request(URL, …)`: a same-file wrapper of `https.request`, or a library's `request`)
    for (const m of ctx.scanFromHint(SEND_CALL, SEND_HINT)) {
      const found = callOpeningAt(ctx, m.index, m.index + m[0].length - 1);
      if (!found) {
        continue;
      }
      const { call, fn } = found;
      const first = unwrap(urlArgument(ctx, call));
      if (
        !first ||
        !(
          (isMessagesEndpoint(ctx.textOf(first), kind(first), names) ||
            builtMessagesUrl(ctx, first) ||
            (versioned && sendsAnthropicHeaders(ctx, call, first)) ||
            instanceEndpoint(ctx, fn, first) ||
            callerGivenPath(ctx, call, first, names) ||
            baseTemplate(ctx, first, names)) &&
          !localOtherUrl(ctx, first)
        )
      ) {
        continue;
      }
      out.push(rawHttpCall(call, fn));
    }
    // Any same-file sender given the endpoint written out and Anthropic's headers
    // (`send('https://api.anthropic.com/v1/messages', 'POST', { 'x-api-key': KEY, … }, body)`), and
    // a curl command run as a process with them (see `curlCommand`).
    const seen = new Set(out.map((c) => c.node.startIndex));
    for (const m of ctx.scan(/(['"`])https?:\/\/[^'"`\s]*\/v1\/messages\1\s*,/g)) {
      let literal = ctx.nodeAt(m.index);
      for (let i = 0; literal && i < 2 && !/^(?:string|template_string)$/.test(kind(literal)); i++) {
        literal = up(literal);
      }
      const list = literal ? up(literal) : null;
      const command = list && literal ? curlCommand(ctx, list, literal) : null;
      const call =
        command ?? (list && (kind(list) === 'arguments' || kind(list) === 'argument_list') ? up(list) : null);
      if (
        !literal ||
        !call ||
        !isCall(call) ||
        seen.has(call.startIndex) ||
        (!command && positionalArgs(call)[0]?.startIndex !== literal.startIndex) ||
        !/anthropic-version|x-api-key/.test(
          ctx.text.slice(call.startIndex, Math.min(endOf(call), call.startIndex + 2000)),
        )
      ) {
        continue;
      }
      seen.add(call.startIndex);
      out.push(rawHttpCall(call, callee(call) ?? call));
    }
    return seen.size > 0 ? out.sort((a, b) => a.node.startIndex - b.node.startIndex) : out;
  });
}

/**
 * A curl command line run as a process, given the endpoint as one of its words: the call that
 * runs it (`subprocess.run(["curl", "-s", "-X", "POST", "https://api.anthropic.com/v1/messages", "-H",
 * …])`, `spawnSync('curl', ['-s', URL, …])`), else null. `words` is the list or array holding the
 * endpoint `literal`; the program is its first word, or the call's first argument.
 */
function curlCommand(ctx: FileContext, words: Node, literal: Node): Node | null {
  if (kind(words) !== 'list' && kind(words) !== 'array') {
    return null;
  }
  const args = up(words);
  const call = args && (kind(args) === 'arguments' || kind(args) === 'argument_list') ? up(args) : null;
  if (!call || !isCall(call)) {
    return null;
  }
  const curl = (word: Node | undefined): boolean =>
    !!word && word.startIndex !== literal.startIndex && CURL.test(stringValue(word, ctx.text) ?? '');
  return curl(namedChildren(words)[0]) || curl(positionalArgs(call)[0]) ? call : null;
}

/** The curl program, by name or path. */
const CURL = /(?:^|[\\/])curl(?:\.exe)?$/;

/** How a client instance's base URL reaches the Messages endpoint. */
type BaseUrlKind = 'endpoint' | 'api' | 'root' | 'other';

/** An HTTP client instance created with a base URL (see `baseUrlInstances`). */
interface BaseUrlInstance {
  /** Where the creating call starts. */
  at: number;
  base: BaseUrlKind;
  /** Whether a request through it throws on an error status (axios, got, ky; not httpx, aiohttp). */
  throws: boolean;
}

/** A base-URL option given to an HTTP client's constructor (`baseURL:`, `prefixUrl:`, `base_url=`). */
const BASE_URL_OPTION = /\b(?:baseURL|baseUrl|prefixUrl|prefix_url|base_url)[ \t]*[:=]/g;

/**
 * Constructors of HTTP clients that take a base URL: `axios.create`, `got.extend`, `ky.create` /
 * `ky.extend` (these throw on an error status), `httpx.Client` / `httpx.AsyncClient`,
 * `aiohttp.ClientSession`, requests-toolbelt's `BaseUrlSession` (these do not). Not an SDK
 * client (`new Anthropic({ baseURL })`, `anthropic.Client(base_url=…)`).
 */
const HTTP_CLIENT_FACTORY =
  /^(?:(axios|got|ky)\.(?:create|extend)|(?:httpx\.)?(?:Async)?Client|(?:aiohttp\.)?ClientSession|(?:[\w.]*\.)?BaseUrlSession)$/;

/**
 * Where a base URL points: the Messages endpoint itself (`https://api.anthropic.com/v1/messages`,
 * or a name assigned it), Anthropic's `/v1` (`https://api.anthropic.com/v1`), its root
 * (`https://api.anthropic.com`), or elsewhere. A name's value is its last same-file assignment
 * before the use; `process.env.X || 'https://…'` is read from its literal.
 */
function baseUrlKind(ctx: FileContext, value: Node, names: Set<string>): BaseUrlKind {
  let v: Node | null = unwrap(value);
  if (v && /^(?:binary_expression|boolean_operator)$/.test(kind(v))) {
    v = unwrap(v.childForFieldName('right'));
  }
  if (!v) {
    return 'other';
  }
  const k = kind(v);
  if (
    (k === 'identifier' || k === 'member_expression' || k === 'attribute') &&
    !names.has(lastSegment(ctx.textOf(v)))
  ) {
    const assigned = k === 'identifier' ? lastAssignedValue(ctx, ctx.textOf(v), 0, v.startIndex) : null;
    v = (assigned ? unwrap(assigned) : null) ?? v;
  }
  const text = ctx.textOf(v);
  if (isMessagesEndpoint(text, kind(v), names)) {
    return 'endpoint';
  }
  // (`this.baseUrl` / `self.base_url`: the string a class field or an assignment in the file gives it)
  const field = /^(?:this|self)\.([A-Za-z_$][\w$]*)$/.exec(text)?.[1];
  const literal = (field ? fieldLiteral(ctx, field) : stringValue(v, ctx.text)) ?? '';
  return /^https:\/\/api\.anthropic\.com\/v1\/?$/.test(literal)
    ? 'api'
    : /^https:\/\/api\.anthropic\.com\/?$/.test(literal)
      ? 'root'
      : 'other';
}

/**
 * The string literal a member is given in the file, when it is given exactly one: a class field
 * (`private baseUrl = 'https://api.anthropic.com/v1'`) or an assignment (`self.base_url = "…"`).
 */
function fieldLiteral(ctx: FileContext, name: string): string | undefined {
  return ctx.memo(`field-literal:${name}`, () => {
    const values = new Set<string>();
    const re = new RegExp(
      `(?:^[ \\t]*(?:(?:private|public|protected|readonly|static)[ \\t]+)*|(?:this|self)\\.)${name.replace(/\$/g, '\\$')}[ \\t]*(?::[^=\\n]{1,60})?=[ \\t]*(['"\`])([^'"\`\\n]*)\\1`,
      'gm',
    );
    for (const m of ctx.scan(re)) {
      values.add(m[2]);
    }
    return values.size === 1 ? [...values][0] : undefined;
  });
}

/**
 * The file's HTTP client instances created with a base URL, by the last segment of the name
 * they are assigned to (`const api = axios.create({ baseURL: … })`, `self.http = httpx.Client(base_url=…)`,
 * `async with httpx.AsyncClient(base_url=…) as client:`). Found once per file from the base-URL options' text.
 */
function baseUrlInstances(ctx: FileContext): Map<string, BaseUrlInstance[]> {
  return ctx.memo('base-url-instances', () => {
    const names = endpointNames(ctx);
    const out = new Map<string, BaseUrlInstance[]>();
    for (const m of ctx.scan(BASE_URL_OPTION)) {
      if (ctx.inCommentOrString(m.index)) {
        continue;
      }
      const option = ctx.derive('base-url-option', m.index, () => baseUrlOption(ctx, m.index), shiftOption);
      const value = option && outermostSpanning(ctx, option.value);
      if (!option || !value) {
        continue;
      }
      const made = out.get(option.name) ?? [];
      made.push({ at: option.at, base: baseUrlKind(ctx, value, names), throws: option.throws });
      out.set(option.name, made);
    }
    return out;
  });
}

/** A base-URL option of an HTTP client's constructor whose instance is stored in a name (see `baseUrlOption`). */
interface BaseUrlOption {
  /** The last segment of the name the instance is stored in. */
  name: string;
  /** Where the constructor's call starts. */
  at: number;
  /** The option's value. */
  value: { start: number; end: number };
  throws: boolean;
}

/**
 * The base-URL option whose name is at `at`, when it is given to an HTTP client's constructor whose
 * instance is assigned to a name (`const api = axios.create({ baseURL: … })`, `self.http =
 * httpx.Client(base_url=…)`, `async with httpx.AsyncClient(base_url=…) as client:`); null
 * otherwise. Read from the subtree of the last node climbed to (kept across an edit elsewhere: a
 * test file builds many SDK clients with `base_url=`, none of them an HTTP client).
 */
function baseUrlOption(ctx: FileContext, at: number): Derived<BaseUrlOption | null> {
  let read: Node | null = ctx.nodeAt(at);
  const none = (): Derived<null> => ({
    value: null,
    start: read ? read.startIndex : 0,
    end: read ? endOf(read) : ctx.text.length,
  });
  const option = (read = up(read));
  const list = option && /^(?:pair|keyword_argument)$/.test(kind(option)) ? (read = up(option)) : null;
  const args = list && kind(list) === 'object' ? (read = up(list)) : list;
  const call = args && /^(?:arguments|argument_list)$/.test(kind(args)) ? (read = up(args)) : null;
  const fn = call && isCall(call) ? callee(call) : null;
  const factory = fn ? HTTP_CLIENT_FACTORY.exec(ctx.textOf(fn)) : null;
  const value = option?.childForFieldName('value') ?? null;
  if (!call || !factory || !value) {
    return none();
  }
  const holder = (read = up(call));
  const hk = holder ? kind(holder) : '';
  const left =
    hk === 'variable_declarator' || hk === 'public_field_definition'
      ? holder?.childForFieldName('name')
      : hk === 'field_definition'
        ? holder?.childForFieldName('property')
        : hk === 'assignment' || hk === 'assignment_expression'
          ? holder?.childForFieldName('left')
          : hk === 'as_pattern'
            ? holder?.childForFieldName('alias')
            : null;
  if (!holder || !left) {
    return none();
  }
  return {
    value: {
      name: lastSegment(ctx.textOf(left).trim()),
      at: call.startIndex,
      value: { start: value.startIndex, end: endOf(value) },
      throws: !!factory[1],
    },
    start: holder.startIndex,
    end: endOf(holder),
  };
}

function shiftOption(o: BaseUrlOption | null, by: number): BaseUrlOption | null {
  return o && { ...o, at: o.at + by, value: { start: o.value.start + by, end: o.value.end + by } };
}

/** The outermost node spanning exactly a range (a field's value found again by its range), or null. */
function outermostSpanning(ctx: FileContext, range: { start: number; end: number }): Node | null {
  let n: Node | null = ctx.root.descendantForIndex(range.start, range.end);
  if (!n || n.startIndex !== range.start || endOf(n) !== range.end) {
    return null;
  }
  for (let p = up(n); p && p.startIndex === range.start && endOf(p) === range.end; p = up(p)) {
    n = p;
  }
  return n;
}

/** The instance a request is sent through (`api.post(…)`), or null: its one base, else the nearest creation before. */
function instanceOf(ctx: FileContext, fn: Node): BaseUrlInstance | null {
  const receiver = fn.childForFieldName('object');
  const made = receiver ? baseUrlInstances(ctx).get(lastSegment(ctx.textOf(receiver))) : undefined;
  if (!made) {
    return null;
  }
  if (made.every((i) => i.base === made[0].base)) {
    return made[0];
  }
  return made.filter((i) => i.at < fn.startIndex).pop() ?? null;
}

/**
 * A request through a client instance whose base URL reaches the Messages endpoint: the path is
 * empty (`''`, `'/'`) on a base that is the endpoint, `messages` on Anthropic's `/v1`,
 * `v1/messages` on its root (a path with a leading `/v1/messages` is read as the endpoint anyway).
 */
function instanceEndpoint(ctx: FileContext, fn: Node, url: Node): boolean {
  const path = stringValue(url, ctx.text);
  const instance = path === undefined ? null : instanceOf(ctx, fn);
  return (
    !!instance &&
    ((instance.base === 'endpoint' && /^\/?$/.test(path as string)) ||
      (instance.base === 'api' && /^\/?messages\/?$/.test(path as string)) ||
      (instance.base === 'root' && /^\/?v1\/messages\/?$/.test(path as string)))
  );
}

/**
 * Whether a raw-HTTP Messages request goes through a client instance that throws on an error
 * status (axios, got, ky), so a 429 reaches the code around it as an error.
 */
export function throwsThroughInstance(ctx: FileContext, call: ClaudeCall): boolean {
  const instance = instanceOf(ctx, call.callee);
  return !!instance && instance.throws;
}

/**
 * Whether a raw-HTTP request throws on an error status, so a 429 reaches the handlers around it and
 * not a status test after it: axios, ky, got, superagent, needle, urllib's `Request`/`urlopen`
 * (`HTTPError`), or an instance of a client that throws (see `throwsThroughInstance`); not fetch,
 * requests, httpx or aiohttp.
 */
export function throwsOnErrorStatus(ctx: FileContext, call: ClaudeCall): boolean {
  return (
    /\b(?:axios|ky|got|superagent|needle|urlopen|Request)\b/.test(ctx.textOf(call.callee)) ||
    throwsThroughInstance(ctx, call)
  );
}

/** Names assigned the endpoint: `ANTHROPIC_URL = "https://api.anthropic.com/v1/messages"`, `const url = \`${base}/v1/messages\``. */
function endpointNames(ctx: FileContext): Set<string> {
  return ctx.memo('endpoint-names', () => {
    const names = new Set<string>();
    for (const m of ctx.scanLines(...ENDPOINT_ASSIGNMENT)) {
      if (!ctx.inCommentOrString(m.index)) {
        names.add(m[1]);
      }
    }
    return names;
  });
}

/**
 * A template that puts the Messages path after a same-file base (`\`${CLAUDE_API_URL}/messages\``
 * with `CLAUDE_API_URL = 'https://api.anthropic.com/v1'`, `f"{BASE}/v1/messages"` on the root): the
 * base read as for a client instance (see `baseUrlKind`).
 */
function baseTemplate(ctx: FileContext, url: Node, names: Set<string>): boolean {
  if (!/^(?:template_string|string)$/.test(kind(url))) {
    return false;
  }
  const parts = namedChildren(url).filter(
    (c) => !/^(?:string_start|string_end)$/.test(kind(c)) && ctx.textOf(c).trim() !== '',
  );
  const [head, tail] = parts;
  if (parts.length !== 2 || !/^(?:template_substitution|interpolation)$/.test(kind(head))) {
    return false;
  }
  const path = ctx.textOf(tail);
  const base = namedChildren(head)[0] ?? null;
  const kindOf = base ? baseUrlKind(ctx, base, names) : 'other';
  return (
    (kindOf === 'api' && /^\/messages\/?$/.test(path)) ||
    (kindOf === 'root' && /^\/v1\/messages\/?$/.test(path))
  );
}

/**
 * A URL built from a template whose path the caller gives: `fetch(\`${API}${path}\`, …)` in
 * `async function request(path, body)`, with `API` a name assigned Anthropic's `/v1` (or its root,
 * or the endpoint's base through a name) and a same-file call of that function passing `'/messages'`
 * (`'/v1/messages'` on the root) for the path. A function only ever given other paths (`'/models'`,
 * `'/messages/batches'`) sends no Messages request. Reads the function's first 16 calls.
 */
function callerGivenPath(ctx: FileContext, call: Node, url: Node, names: Set<string>): boolean {
  if (kind(url) === 'identifier') {
    return callerGivenUrl(ctx, call, url, names);
  }
  if (ctx.python || kind(url) !== 'template_string') {
    return false;
  }
  const parts = namedChildren(url).filter((c) => kind(c) !== 'string_fragment' || ctx.textOf(c).trim());
  if (parts.length !== 2 || parts.some((p) => kind(p) !== 'template_substitution')) {
    return false;
  }
  const [baseExpr, pathExpr] = parts.map((p) => namedChildren(p)[0] ?? null);
  if (!baseExpr || !pathExpr || kind(pathExpr) !== 'identifier') {
    return false;
  }
  const base = baseUrlKind(ctx, baseExpr, names);
  const fn = functionAt(ctx, call.startIndex);
  const index = fn ? fn.params.indexOf(ctx.textOf(pathExpr)) : -1;
  if (!fn || index < 0 || (base !== 'api' && base !== 'root')) {
    return false;
  }
  const given = messagesPathGiven(ctx, fn, index, base);
  if (given) {
    callerPathNotes(ctx).set(
      call.startIndex,
      `The URL's path comes from the callers of ${fn.name}() ('${given.value}' on line ${given.line}).`,
    );
  }
  return !!given;
}

/**
 * A URL that is a parameter of the function sending it, given the Messages endpoint by a caller:
 * `fetch(url, options)` in a same-file `fetchWithRetry(url, options)` called with
 * `'https://api.anthropic.com/v1/messages'` (or a name assigned it). Reads the function's first 16
 * calls from outside it.
 */
function callerGivenUrl(ctx: FileContext, call: Node, url: Node, names: Set<string>): boolean {
  const fn = functionAt(ctx, call.startIndex);
  const index = fn ? fn.params.indexOf(ctx.textOf(url)) : -1;
  const given =
    fn && index >= 0
      ? callerGiving(ctx, fn, index, (arg) => isMessagesEndpoint(ctx.textOf(arg), kind(arg), names))
      : undefined;
  if (fn && given) {
    callerPathNotes(ctx).set(
      call.startIndex,
      `Its URL comes from the callers of ${fn.name}() (the Messages endpoint on line ${given.line}).`,
    );
  }
  return !!given;
}

/**
 * The first of a function's first 16 calls from outside it whose argument `index` passes `test`,
 * with that argument and the call's line.
 */
function callerGiving(
  ctx: FileContext,
  fn: { name: string; start: number; end: number },
  index: number,
  test: (arg: Node) => boolean,
): { arg: Node; line: number } | undefined {
  let read = 0;
  for (const site of callSitesNamed(ctx, fn.name)) {
    if (fn.start <= site.at && site.at < fn.end) {
      continue;
    }
    if (read++ >= 16) {
      break;
    }
    const arg = unwrap(positionalArgs(site.call)[index] ?? null);
    if (arg && test(arg)) {
      return { arg, line: ctx.lines.lineAt(site.at) + 1 };
    }
  }
  return undefined;
}

/**
 * The first of a function's first 16 calls from outside it that passes the Messages path
 * (`'/messages'` after Anthropic's `/v1`, `'/v1/messages'` after its root) as argument `index`.
 */
function messagesPathGiven(
  ctx: FileContext,
  fn: { name: string; start: number; end: number },
  index: number,
  base: 'api' | 'root',
): { value: string; line: number } | undefined {
  const path = base === 'api' ? /^\/?messages\/?$/ : /^\/?v1\/messages\/?$/;
  const given = callerGiving(ctx, fn, index, (arg) => path.test(stringValue(arg, ctx.text) ?? ''));
  return given ? { value: stringValue(given.arg, ctx.text) ?? '', line: given.line } : undefined;
}

/**
 * The first 32 calls of a name (`name(…)`, `this.name(…)`) outside comments and strings, read once
 * per name: however many functions share it, the file is read once for it.
 */
function callSitesNamed(ctx: FileContext, name: string): Array<{ at: number; call: Node }> {
  return ctx.memo(`http-call-sites:${name}`, () => {
    const out: Array<{ at: number; call: Node }> = [];
    for (const at of ctx.usesOf(name)) {
      if (out.length >= 32) {
        break;
      }
      const call = ctx.inCommentOrString(at) ? null : siteCall(ctx, at);
      if (call) {
        out.push({ at, call });
      }
    }
    return out;
  });
}

/** What was seen of the requests whose path their function's caller gives, by the request's start. */
function callerPathNotes(ctx: FileContext): Map<number, string> {
  return ctx.memo('http-caller-path-notes', () => new Map<number, string>());
}

/**
 * For a raw-HTTP Messages request whose URL's path is given by its function's caller (see
 * `callerGivenPath`), what was seen, for a finding's message; otherwise undefined.
 */
export function callerPathNote(ctx: FileContext, call: Node): string | undefined {
  httpClaudeCalls(ctx);
  return callerPathNotes(ctx).get(call.startIndex);
}

/** `'POST'` / `method`: the first argument of Python's `requests.request(method, url, …)`. */
const HTTP_METHOD = /^(?:(['"])(?:GET|POST|PUT|PATCH|DELETE)\1|method|http_method|verb)$/i;

/**
 * A request's URL argument: the first positional one, the second after an HTTP method
 * (Python's `requests.request("POST", url, …)`, `httpx` and `aiohttp` alike), or `url=`.
 */
function urlArgument(ctx: FileContext, call: Node): Node | null {
  const args = positionalArgs(call);
  if (ctx.python && args.length >= 2 && HTTP_METHOD.test(ctx.textOf(args[0]))) {
    return args[1];
  }
  return args[0] ?? urlKeyword(ctx, call);
}

/** A Python request's URL given by keyword (`session.post(url=request_url, headers=…, json=…)`), or null. */
function urlKeyword(ctx: FileContext, call: Node): Node | null {
  return ctx.python ? (keywordParams(call, ctx.text).entries.get('url')?.value ?? null) : null;
}

/** A URL argument naming the Messages endpoint: a string ending in it, or a name assigned one. */
function isMessagesEndpoint(text: string, k: string, names: Set<string>): boolean {
  if (/string|template/.test(k)) {
    return /\/v1\/messages['"`]$/.test(text);
  }
  return (
    (k === 'identifier' || k === 'attribute' || k === 'member_expression') && names.has(lastSegment(text))
  );
}

/**
 * A request whose URL is not written here (`requests.post(CONFIG["base_url"], headers=self.headers, …)`,
 * `fetch(this.API_BASE, { headers: { 'anthropic-version': … } })`) but which carries the Messages
 * API's `anthropic-version` header: in its own arguments, or through a same-file name assigned a
 * dict/object holding it (`self.headers = {"x-api-key": key, "anthropic-version": …}`). Not for a
 * literal URL to another endpoint (`count_tokens`, batches, legacy `complete`).
 */
export function sendsAnthropicHeaders(ctx: FileContext, call: Node, url: Node): boolean {
  const urlText = ctx.textOf(url);
  if (/string|template/.test(kind(url)) || /count_tokens|batches|complete/i.test(urlText)) {
    return false;
  }
  const text = ctx.text.slice(call.startIndex, Math.min(endOf(call), call.startIndex + 2000));
  if (text.includes('anthropic-version')) {
    return true;
  }
  const named = headerHolders(ctx);
  const m = /\bheaders\s*(?:[=:]\s*([\w$.]+)|(?=[,}]))/.exec(text);
  return !!m && named.has(m[1] ? lastSegment(m[1]) : 'headers');
}

/** Names (last segment) assigned a dict/object that holds `anthropic-version` (at most 16, found once). */
function headerHolders(ctx: FileContext): Set<string> {
  return ctx.memo('anthropic-header-holders', () => {
    const out = new Set<string>();
    let read = 0;
    for (const m of ctx.scan(/anthropic-version/g)) {
      if (read++ >= 16) {
        break;
      }
      let n = ctx.nodeAt(m.index);
      for (let i = 0; n && i < 6 && !/^(?:dictionary|object)$/.test(kind(n)); i++) {
        n = up(n);
      }
      const holder = n ? up(n) : null;
      const left = !holder
        ? null
        : kind(holder) === 'variable_declarator'
          ? holder.childForFieldName('name')
          : /^(?:assignment|assignment_expression)$/.test(kind(holder))
            ? holder.childForFieldName('left')
            : null;
      if (left) {
        out.add(lastSegment(ctx.textOf(left).replace(/['"]/g, '')));
      }
    }
    return out;
  });
}

/**
 * A raw-HTTP request to the Messages endpoint as a Claude call: no client, no parameters read
 * (the request body is the app's own), so only rules that look at the call's place use it.
 */
export function rawHttpCall(call: Node, fn: Node): ClaudeCall {
  const empty = { node: null, entries: new Map(), open: false };
  return {
    node: call,
    callee: fn,
    receiver: fn,
    method: 'create',
    beta: false,
    params: empty,
    options: empty,
    client: null,
  };
}

/**
 * Whether a URL name is assigned, in the call's own function before it, something other than
 * the Messages endpoint last (`url = "https://api.openai.com/v1/chat/completions"` in one function,
 * `url = "https://api.anthropic.com/v1/messages"` in another).
 */
function localOtherUrl(ctx: FileContext, url: Node): boolean {
  if (kind(url) !== 'identifier') {
    return false;
  }
  let fn: Node | null = up(url);
  while (fn && !FUNCTION_TYPES.has(kind(fn))) {
    fn = up(fn);
  }
  if (!fn) {
    return false;
  }
  const values = assignedValues(ctx, ctx.textOf(url), fn.startIndex, url.startIndex);
  const last = values[values.length - 1];
  return !!last && /string|template/.test(kind(last)) && !/\/v1\/messages['"`]$/.test(ctx.textOf(last));
}
