/**
 * Where the proxy forwards to, and which headers cross it.
 */

/** The real API; the default upstream. */
export const DEFAULT_UPSTREAM = 'https://api.anthropic.com';

/**
 * Parses an upstream base URL. Accepts `https:` anywhere and `http:` only on the loopback
 * interface (a local gateway or test server), like `headroom.monitor.baseUrl`: the app's
 * key crosses this connection, so it must not travel in clear text over a network. No
 * credentials, query or fragment. Throws a `TypeError` with a user-facing message.
 */
export function parseUpstream(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new TypeError(`upstream is not a valid URL (expected e.g. ${DEFAULT_UPSTREAM})`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new TypeError('upstream must be an https URL (http is allowed only for 127.0.0.1/localhost)');
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('upstream must not contain credentials');
  }
  if (url.search !== '' || url.hash !== '') throw new TypeError('upstream must not have a query or fragment');
  return url;
}

/** The upstream as shown to people: origin and base path, never credentials. */
export function displayUpstream(url: URL): string {
  return `${url.origin}${url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')}`;
}

/** Connection-level headers (RFC 9110 §7.6.1), never forwarded in either direction. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Headers named by `Connection` are hop-by-hop too. */
function connectionTokens(raw: readonly string[]): Set<string> {
  const tokens = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if ((raw[i] as string).toLowerCase() !== 'connection') continue;
    for (const token of (raw[i + 1] as string).split(',')) {
      const name = token.trim().toLowerCase();
      if (name !== '') tokens.add(name);
    }
  }
  return tokens;
}

/**
 * End-to-end headers of `raw` (Node's `rawHeaders`: name, value, name, value…), in order
 * and with their original case, minus hop-by-hop headers and any name in `drop`.
 */
export function endToEndHeaders(raw: readonly string[], drop: ReadonlySet<string> = new Set()): string[] {
  const listed = connectionTokens(raw);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || listed.has(lower) || drop.has(lower)) continue;
    out.push(name, raw[i + 1] as string);
  }
  return out;
}

/**
 * Request headers replaced by the proxy: `host` (set for the upstream), the body framing
 * (the body is sent whole with its own `content-length`) and `expect` (the body is already here).
 */
export const REPLACED_REQUEST_HEADERS: ReadonlySet<string> = new Set(['host', 'content-length', 'expect']);
