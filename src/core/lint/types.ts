/** Stable rule ids. Each has a doc page under docs/rules/<id>.md and a file under rules/. */
export type RuleId =
  | 'unbounded-fanout'
  | 'missing-max-tokens'
  | 'nonstreaming-max-tokens'
  | 'retries-disabled'
  | 'naive-retry'
  | 'string-matched-error'
  | 'hardcoded-api-key';

/** Every rule id, in documentation order. */
export const RULE_IDS: readonly RuleId[] = [
  'unbounded-fanout',
  'missing-max-tokens',
  'nonstreaming-max-tokens',
  'retries-disabled',
  'naive-retry',
  'string-matched-error',
  'hardcoded-api-key',
];

export type Severity = 'error' | 'warning' | 'info';

/** A rule's configured level: a severity, or `off` to not run it. */
export type RuleSetting = Severity | 'off';

/** Normalises settings read from untrusted sources (VS Code settings, CLI flags). */
export const RuleSetting = {
  /**
   * Normalises one value: `error`, `warning`/`warn`, `info`/`information`/`hint`, and
   * `off`/`none`/`false`/`0` (any case). Anything else is undefined (use the default).
   */
  from(value: unknown): RuleSetting | undefined {
    if (value === false || value === 0) {
      return 'off';
    }
    if (typeof value !== 'string') {
      return undefined;
    }
    switch (value.trim().toLowerCase()) {
      case 'error':
        return 'error';
      case 'warning':
      case 'warn':
        return 'warning';
      case 'info':
      case 'information':
      case 'hint':
        return 'info';
      case 'off':
      case 'none':
      case 'false':
      case '0':
        return 'off';
      default:
        return undefined;
    }
  },
};

/** The languages the engine lints; the names are VS Code's language ids. */
export type LintLanguage = 'javascript' | 'javascriptreact' | 'typescript' | 'typescriptreact' | 'python';

export const LINT_LANGUAGES: readonly LintLanguage[] = [
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'python',
];

/** A half-open range of UTF-16 offsets into the linted text (or notebook cell). */
export interface OffsetRange {
  start: number;
  end: number;
}

/** One problem found in a text. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** What will happen and what to do; never contains secrets. */
  message: string;
  /** 1-based line where the finding starts. */
  line: number;
  /** 1-based UTF-16 column where the finding starts. */
  column: number;
  /** 1-based line where the finding ends. */
  endLine: number;
  /** 1-based UTF-16 column just past the end (exclusive), so `endColumn - 1` is VS Code's end character. */
  endColumn: number;
  /** UTF-16 offset of the start in the linted text (the cell's text for notebooks). */
  start: number;
  /** UTF-16 offset just past the end. */
  end: number;
  /** 0-based index of the cell in the array given to `lintNotebook`. */
  cell?: number;
  /** Rule-specific facts for quick fixes; see FindingData. Offsets are relative to the same text. */
  data: FindingData;
}

/** Facts about a Claude API call that fixes can use. */
export interface CallFacts {
  /** The whole call expression. */
  call: OffsetRange;
  /** `client.messages.create` (the callee). */
  callee: OffsetRange;
  /** The receiver expression (`client`, `this.client`, `anthropic.Anthropic()`). */
  receiver: OffsetRange;
  /** The argument list, parentheses included. */
  args: OffsetRange;
  /** JS/TS: the params object literal; Python: absent (params are keyword arguments). */
  params?: OffsetRange;
  method: 'create' | 'stream' | 'batches.create';
}

/** Per-rule data carried by findings. */
export type FindingData =
  | UnboundedFanoutData
  | MissingMaxTokensData
  | NonstreamingMaxTokensData
  | RetriesDisabledData
  | NaiveRetryData
  | StringMatchedErrorData
  | HardcodedApiKeyData;

export interface UnboundedFanoutData {
  rule: 'unbounded-fanout';
  /** Which construct fans out. */
  kind:
    | 'promise-combinator'
    | 'literal-list'
    | 'gather'
    | 'wait'
    | 'task-group'
    | 'executor-map'
    | 'executor-submit';
  language: 'js' | 'python';
  /** The fan-out call: `Promise.all(...)`, `asyncio.gather(...)`, `tg.create_task(...)`, `ex.map(...)`. */
  fanout: OffsetRange;
  /** Its callee (`Promise.all`, `asyncio.gather`, ...). */
  fanoutCallee: OffsetRange;
  /** Where the many calls come from: the `.map(...)` call, comprehension, `Array.from`, loop or literal list. */
  source: OffsetRange;
  /** How the source is built. */
  sourceKind:
    | 'map'
    | 'array-from'
    | 'push-loop'
    | 'literal'
    | 'comprehension'
    | 'generator'
    | 'map-builtin'
    | 'append-loop'
    | 'loop';
  /** The function that makes each call, when there is one (inline callback or same-file function). */
  callback?: OffsetRange;
  /** Name of the same-file function followed, if any. */
  followed?: string;
  /** The Claude API calls reached. */
  calls: OffsetRange[];
  /** Executor fan-outs: the pool constructor call and its `max_workers` value (null when absent). */
  pool?: { constructor: OffsetRange; maxWorkers: number | null };
}

export interface MissingMaxTokensData {
  rule: 'missing-max-tokens';
  language: 'js' | 'python';
  call: CallFacts;
  /** Where a `max_tokens` entry can be inserted: right after the opening `{` or `(`. */
  insertAt: number;
  /** The model literal, if the params name one. */
  model?: string;
}

export interface NonstreamingMaxTokensData {
  rule: 'nonstreaming-max-tokens';
  language: 'js' | 'python';
  call: CallFacts;
  /** The `max_tokens` value literal. */
  maxTokens: OffsetRange;
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

export interface RetriesDisabledData {
  rule: 'retries-disabled';
  language: 'js' | 'python';
  /** The `maxRetries: 0` pair or `max_retries=0` keyword argument. */
  setting: OffsetRange;
  /** The literal `0`. */
  value: OffsetRange;
  /** The client construction (or `withOptions`/`with_options` call). */
  client: OffsetRange;
  /** The Claude calls in the file made through this client. */
  calls: OffsetRange[];
}

export interface NaiveRetryData {
  rule: 'naive-retry';
  language: 'js' | 'python';
  kind: 'no-wait' | 'fixed-wait' | 'ignores-retry-after' | 'stacked-retry-library';
  /** The retry loop statement (hand-written retries) or the wrapping call/decorator (libraries). */
  loop: OffsetRange;
  /** The loop head (`while (true)`, `for attempt in range(5):`), or the library call's callee. */
  head: OffsetRange;
  /** The Claude call being retried. */
  call: OffsetRange;
  /** The sleep/delay call, when there is one. */
  wait?: OffsetRange;
  /** The catch/except clause that swallows the error. */
  handler?: OffsetRange;
  /** Library retries: the library name and the client construction that keeps the SDK retries. */
  library?: string;
  client?: OffsetRange;
}

export interface StringMatchedErrorData {
  rule: 'string-matched-error';
  language: 'js' | 'python';
  /** The whole test (`"rate limit" in str(e)`, `err.message.includes('429')`). */
  test: OffsetRange;
  /** The error variable's name, when it is a plain identifier. */
  errorName?: string;
  /** What the text is matched against. */
  needle: string;
  /** Whether the test is negated (`not in`, `!x.includes(...)`): then the fix negates too. */
  negated: boolean;
  /** What to test instead, e.g. `isinstance(e, anthropic.RateLimitError)`. */
  replacement?: string;
}

export interface HardcodedApiKeyData {
  rule: 'hardcoded-api-key';
  language: 'js' | 'python';
  /** The whole string literal, quotes included. */
  literal: OffsetRange;
  /** The key characters inside it. */
  key: OffsetRange;
  /** Whether the literal is the value of `apiKey:` / `api_key=` (the fix can read the env var instead). */
  context: 'api-key-option' | 'assignment' | 'other';
  /** The environment variable the SDKs read by default. */
  envVar: 'ANTHROPIC_API_KEY';
  /** Expression to use instead (`process.env.ANTHROPIC_API_KEY` / `os.environ["ANTHROPIC_API_KEY"]`). */
  replacement: string;
}

/** Options for one lint run. */
export interface LintOptions {
  /** Per-rule level; rules not listed use their default severity. */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** Called when a rule fails internally; that rule then reports nothing. */
  onRuleError?: (rule: RuleId, err: unknown) => void;
}

/** Rule metadata for settings, SARIF and docs. */
export interface RuleMeta {
  id: RuleId;
  defaultSeverity: Severity;
  /** One sentence. */
  description: string;
  docUrl: string;
}

/** The doc page of a rule. */
export function ruleDocUrl(id: RuleId): string {
  return `https://github.com/headroom-dev/headroom/blob/main/docs/rules/${id}.md`;
}

const DESCRIPTIONS: Record<RuleId, [Severity, string]> = {
  'unbounded-fanout': [
    'warning',
    'Many Claude API calls started at once with no concurrency cap (Promise.all over map, asyncio.gather, TaskGroup, thread pools).',
  ],
  'missing-max-tokens': [
    'error',
    'A Messages API create/stream call without max_tokens, which the API rejects.',
  ],
  'nonstreaming-max-tokens': [
    'warning',
    "A non-streaming create whose max_tokens makes the SDK refuse it (over 21,333 with no timeout) or exceeds the model's maximum output.",
  ],
  'retries-disabled': [
    'warning',
    'A client built with maxRetries: 0 / max_retries=0 whose calls have no retry handling of their own.',
  ],
  'naive-retry': [
    'warning',
    'A hand-written retry loop that retries rate-limit errors with no wait or a fixed wait, or a retry library stacked on the SDK retries.',
  ],
  'string-matched-error': [
    'warning',
    'Deciding that an error is a rate limit from its message text instead of RateLimitError or the status code.',
  ],
  'hardcoded-api-key': ['error', 'An Anthropic API key (sk-ant-...) written in the source.'],
};

/** Metadata of every rule, in RULE_IDS order. */
export const RULES: readonly RuleMeta[] = RULE_IDS.map((id) => ({
  id,
  defaultSeverity: DESCRIPTIONS[id][0],
  description: DESCRIPTIONS[id][1],
  docUrl: ruleDocUrl(id),
}));

/** Whether a value is a rule id. */
export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && (RULE_IDS as readonly string[]).includes(value);
}
