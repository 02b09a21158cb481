import type { Span } from '../../parse/span';
import type { CallFacts } from '../callFacts';

/** What a `nonstreaming-max-tokens` finding carries for its fixes (offsets into the linted text). */
export interface NonstreamingMaxTokensData {
  rule: 'nonstreaming-max-tokens';
  language: 'js' | 'python';
  call: CallFacts;
  /** The `max_tokens` value literal. */
  maxTokens: Span;
  maxTokensValue: number;
  /** Why it is reported: the SDK's 10-minute guard, the model's output ceiling, or both. */
  reasons: Array<'nonstreaming-guard' | 'model-max-output'>;
  /** The model id, when it is a literal. */
  model?: string;
  /** The model's maximum output, when known. */
  modelMaxOutput?: number;
  /** The largest max_tokens the SDK accepts on a non-streaming call without a timeout. */
  nonstreamingLimit: number;
}
