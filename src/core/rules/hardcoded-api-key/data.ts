import type { Span } from '../../parse/span';

/** What a `hardcoded-api-key` finding carries for its fixes (offsets into the linted text). */
export interface HardcodedApiKeyData {
  rule: 'hardcoded-api-key';
  /** `dotenv`: a key in a dotenv file (see dotenv.ts), which has no fix. */
  language: 'js' | 'python' | 'dotenv';
  /** The whole string literal, quotes included (in a dotenv file, a comment or bare code: the key itself). */
  literal: Span;
  /** The key characters inside it. */
  key: Span;
  /** Whether the literal is the value of `apiKey:` / `api_key=` (the fix can read the env var instead). */
  context: 'api-key-option' | 'assignment' | 'other';
  /** The environment variable the SDKs read by default. */
  envVar: 'ANTHROPIC_API_KEY';
  /** Expression to use instead (`process.env.ANTHROPIC_API_KEY` / `os.environ["ANTHROPIC_API_KEY"]`). */
  replacement: string;
}
