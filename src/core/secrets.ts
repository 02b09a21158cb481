/**
 * Keeping API keys out of every text Headroom logs or shows. One scrubber, used by the
 * monitor, the proxy, the model listing and the extension's log channel.
 */

/** Anything shaped like an Anthropic key (`sk-ant-…`), whoever's it is. */
const KEY_SHAPE = /sk-ant-[A-Za-z0-9_-]{4,}/g;

/** A run of this many characters of a secret, found anywhere, is taken to be part of it. */
const FRAGMENT = 8;

/**
 * Replaces with `[redacted]`: each secret, every fragment of a secret (any run of 8 or
 * more of its characters, as a server that echoes part of a token would), and anything
 * shaped like an Anthropic key. Linear in the text's length.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  // Whole key shapes first: a fragment match must not leave the tail of another key.
  let out = text.replace(KEY_SHAPE, '[redacted]');
  for (const secret of secrets) {
    if (secret.length >= FRAGMENT) out = redactFragments(out, secret);
    else if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** Redacts every span of `text` covered by an 8-character window that also occurs in `secret`. */
function redactFragments(text: string, secret: string): string {
  const windows = new Set<string>();
  for (let i = 0; i + FRAGMENT <= secret.length; i++) windows.add(secret.slice(i, i + FRAGMENT));
  let covered = -1;
  const spans: [number, number][] = [];
  for (let i = 0; i + FRAGMENT <= text.length; i++) {
    if (!windows.has(text.slice(i, i + FRAGMENT))) continue;
    const last = spans[spans.length - 1];
    if (last && i <= covered) last[1] = i + FRAGMENT;
    else spans.push([i, i + FRAGMENT]);
    covered = i + FRAGMENT;
  }
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += `${text.slice(at, start)}[redacted]`;
    at = end;
  }
  return out + text.slice(at);
}
