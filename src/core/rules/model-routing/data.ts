import type { Span } from '../../parse/span';

/** What a `model-routing` finding carries for its fix (offsets into the linted text). */
export interface ModelRoutingData {
  rule: 'model-routing';
  language: 'js' | 'python';
  /** The Claude call. */
  call: Span;
  /** The `model` value in the call (a literal, or the name of a constant; JS shorthand: the entry). */
  model: Span;
  /** Whether the entry is JS shorthand (`{ model }`). */
  shorthand: boolean;
  /** The model id it names; for an imported constant known by its name only, the tier the name says (`Opus`). */
  modelId: string;
  /** Set when `modelId` is the tier an imported constant's name says (`MODEL_OPUS`), not an id read in the file. */
  namedFor?: true;
  /** The literal `max_tokens`. */
  maxTokens: number;
  /** The model the fix switches to. */
  target: string;
  /** The one-line reason the fix leaves above the call. */
  reason: string;
}
