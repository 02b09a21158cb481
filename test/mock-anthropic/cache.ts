/**
 * Prompt caching as the API describes it (reference §3.3, §6): blocks marked with
 * `cache_control` are breakpoints; the prefix up to a breakpoint (tools, then system, then
 * messages) is written to the cache on a miss and read on a hit. Usage splits the input
 * into `cache_read_input_tokens`, `cache_creation_input_tokens` and `input_tokens` (after the
 * last breakpoint), and only `input_tokens + cache_creation_input_tokens` count toward ITPM
 * (cache reads do too on Claude Haiku 3.5, the documented exception).
 *
 * - Prefixes shorter than the minimum cacheable length are not cached (no error), like the API.
 * - Entries live 5 minutes (`ttl: '1h'`: an hour) on the server's clock; a read refreshes them.
 * - A request-level `cache_control` (automatic caching) puts the breakpoint on the last block.
 * - Caches are per model and per exact prefix text.
 */
import { createHash } from 'node:crypto';

/** How a request's input tokens split, and what ITPM is charged. */
export interface CachePlan {
  /** Tokens after the last cache breakpoint (usage `input_tokens`). */
  input: number;
  cacheCreation: number;
  cacheRead: number;
  /** What the ITPM bucket is charged. */
  itpm: number;
  /** Prefix keys to store (with their lifetime) once the request is admitted. */
  writes: Array<{ key: string; ttlMs: number }>;
  /** The key that was read (its lifetime is refreshed on commit). */
  read?: { key: string; ttlMs: number };
}

interface Segment {
  text: string;
  breakpoint?: { ttlMs: number };
}

const FIVE_MINUTES = 5 * 60_000;
const ONE_HOUR = 60 * 60_000;

/** The default minimum cacheable prompt length (Sonnet 4.5's; see minimums in the uncached-prompt rule). */
export const DEFAULT_CACHE_MINIMUM = 1024;

export class PromptCache {
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly tokensOf: (text: string) => number,
    private readonly minimum: (model: string) => number = () => DEFAULT_CACHE_MINIMUM,
  ) {}

  /**
   * How a request's `total` input tokens split, without changing the cache (a request the
   * limiter refuses must not write it): {@link commit} once it is admitted.
   */
  plan(model: string, body: Record<string, unknown>, total: number): CachePlan {
    const segments = segmentsOf(body);
    const points: Array<{ index: number; tokens: number; key: string; ttlMs: number }> = [];
    let prefix = '';
    const hash = createHash('sha256').update(model);
    segments.forEach((s, index) => {
      prefix += (prefix ? '\n' : '') + s.text;
      hash.update('\u0000' + s.text);
      if (s.breakpoint) {
        const tokens = Math.min(total, this.tokensOf(prefix));
        if (tokens >= this.minimum(model)) {
          points.push({ index, tokens, key: hash.copy().digest('hex'), ttlMs: s.breakpoint.ttlMs });
        }
      }
    });
    const t = this.now();
    let read: (typeof points)[number] | undefined;
    for (let i = points.length - 1; i >= 0; i--) {
      const expires = this.entries.get(points[i].key);
      if (expires !== undefined && expires > t) {
        read = points[i];
        break;
      }
    }
    const last = points[points.length - 1];
    const cacheRead = read?.tokens ?? 0;
    const writes = points.filter((p) => !read || p.index > read.index);
    const cacheCreation = last && last !== read ? last.tokens - cacheRead : 0;
    const input = Math.max(0, total - cacheRead - cacheCreation);
    const readsCount = /haiku-3-5|3-5-haiku/.test(model);
    return {
      input,
      cacheCreation,
      cacheRead,
      itpm: input + cacheCreation + (readsCount ? cacheRead : 0),
      writes: writes.map((p) => ({ key: p.key, ttlMs: p.ttlMs })),
      read: read && { key: read.key, ttlMs: read.ttlMs },
    };
  }

  /** Stores the plan's prefixes and refreshes the one it read. */
  commit(plan: CachePlan): void {
    const t = this.now();
    for (const w of [...plan.writes, ...(plan.read ? [plan.read] : [])]) {
      this.entries.set(w.key, Math.max(this.entries.get(w.key) ?? 0, t + w.ttlMs));
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The request's blocks in cache order (tools, system, messages), with their breakpoints. */
function segmentsOf(body: Record<string, unknown>): Segment[] {
  const out: Segment[] = [];
  const push = (value: unknown): void => {
    if (typeof value === 'string') {
      out.push({ text: value });
      return;
    }
    if (!value || typeof value !== 'object') {
      return;
    }
    const { cache_control: cc, ...rest } = value as Record<string, unknown>;
    const text = typeof rest.text === 'string' ? rest.text : JSON.stringify(rest);
    out.push({ text, breakpoint: breakpointOf(cc) });
  };
  if (Array.isArray(body.tools)) {
    body.tools.forEach(push);
  }
  if (Array.isArray(body.system)) {
    body.system.forEach(push);
  } else {
    push(body.system);
  }
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      const content = (m as { content?: unknown })?.content;
      if (Array.isArray(content)) {
        content.forEach(push);
      } else {
        push(content);
      }
    }
  }
  const auto = breakpointOf(body.cache_control);
  if (auto && out.length) {
    out[out.length - 1] = { ...out[out.length - 1], breakpoint: auto };
  }
  return out;
}

function breakpointOf(cc: unknown): Segment['breakpoint'] {
  if (!cc || typeof cc !== 'object' || (cc as { type?: unknown }).type !== 'ephemeral') {
    return undefined;
  }
  return { ttlMs: (cc as { ttl?: unknown }).ttl === '1h' ? ONE_HOUR : FIVE_MINUTES };
}
