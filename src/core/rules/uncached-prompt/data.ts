import type { Span } from '../../parse/span';

/** Where the cache breakpoint goes. */
export type CacheTarget =
  /** `system: "…"` / `system=PROMPT`: the value becomes a one-block array with cache_control. */
  | { kind: 'system-string'; value: Span; shorthand: boolean }
  /**
   * An object/dict literal that gets `cache_control` as its last entry: the last system
   * block or the last tool definition, in the call or in a module-level constant.
   */
  | { kind: 'last-block'; block: Span; what: 'system' | 'tools'; inCall: boolean }
  /** The content of the last constant turn of the messages: it becomes a one-block array with cache_control. */
  | { kind: 'message-content'; value: Span }
  /** No edit: the document must first be split out of the text around it (a message only). */
  | { kind: 'advice-only' };

/** What an `uncached-prompt` finding carries for its fix (offsets into the linted text). */
export interface UncachedPromptData {
  rule: 'uncached-prompt';
  language: 'js' | 'python';
  /** The Claude call. */
  call: Span;
  target: CacheTarget;
  /** Estimated tokens of the constant prefix (tools + system). */
  prefixTokens: number;
  /** The model id, when the call names one. */
  model?: string;
}
