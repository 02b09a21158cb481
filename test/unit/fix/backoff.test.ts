import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sdk from '@anthropic-ai/sdk';
import { fixesFor } from '../../../src/core/fix';
import { applyFix, count, findings, fixes, lines, loadTs, withFixContext } from './helpers';
import { pyChecks } from './toolchain';

/** A Python client with retries off, called once. */
const PY_DISABLED = lines(
  'import anthropic',
  '',
  'client = anthropic.Anthropic(max_retries=0)',
  '',
  '',
  'def ask(q):',
  '    return client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[])',
);

const TS_DISABLED = lines(
  "import Anthropic from '@anthropic-ai/sdk';",
  '',
  'const client = new Anthropic({',
  '  maxRetries: 0,',
  '  timeout: 30_000,',
  '});',
  '',
  'export async function title(body: string) {',
  '  const msg = await client.messages.create({',
  "    model: 'claude-haiku-4-5',",
  '    max_tokens: 60,',
  "    messages: [{ role: 'user', content: body }],",
  '  });',
  '  return msg.content;',
  '}',
);

describe('fix: backoff (retries-disabled)', () => {
  it('prefers giving the SDK its retries back', async () => {
    const { text, action } = await applyFix(TS_DISABLED, 'typescript', 'retries-disabled');
    assert.equal(action.title, 'Raise maxRetries to 6');
    // Retrying changes what the program does on a 429: an individual fix, never Fix All.
    assert.equal(action.safeForFixAll, false);
    assert.match(text, /maxRetries: 6,\n {2}timeout: 30_000,/);
    assert.deepEqual(await findings(text, 'typescript', 'retries-disabled'), []);
  });

  it('Python: max_retries=0 becomes 6', async () => {
    const src = PY_DISABLED;
    const { text } = await applyFix(src, 'python', 'retries-disabled');
    assert.match(text, /anthropic\.Anthropic\(max_retries=6\)/);
  });

  it('"Retry on rate limit with backoff" inserts one withBackoff helper using the file’s SDK import', async () => {
    const { text, action } = await applyFix(
      TS_DISABLED,
      'typescript',
      'retries-disabled',
      /Retry on rate limit with backoff/,
    );
    assert.equal(action.isPreferred, false);
    assert.equal(count(text, 'async function withBackoff<T>(call: () => PromiseLike<T> | T, tries = 6)'), 1);
    assert.equal(count(text, 'function retryAfterMs(err: unknown, attempt: number): number | undefined'), 1);
    assert.match(text, /if \(!\(err instanceof Anthropic\.APIError\) \|\| err\.status === undefined\)/);
    assert.match(text, /const msg = await withBackoff\(\(\) =>\n\s+client\.messages\.create\(\{/);
    assert.equal(count(text, '@anthropic-ai/sdk'), 1, 'no import added');
    assert.deepEqual(await findings(text, 'typescript'), []);
  });

  for (const printWidth of [80, 60]) {
    it(`the helper's doc comments stay prose at print width ${printWidth} (only code is broken to fit)`, async () => {
      const { text } = await applyFix(TS_DISABLED, 'typescript', 'retries-disabled', /backoff/, {
        projectDeps: { pLimit: false, tenacity: false, format: { prettier: true, printWidth } },
      });
      assert.match(
        text,
        /\n \* but not the 429 of a reached spend cap \(it lasts until the cap resets\)\.\n \* Waits for retry-after/,
      );
      assert.match(
        text,
        /\n \* exponential backoff \(1 s base, 60 s cap\)\. Inserted by Headroom\.\n \*\/\n/,
      );
      // Every line of every doc comment is still a comment line, within 80 columns.
      const docLines = (text.match(/\/\*\*[\s\S]*?\*\//g) ?? []).flatMap((c) => c.split('\n').slice(1));
      assert.equal(docLines.length, 9);
      assert.deepEqual(
        docLines.filter((l) => !/^ \*/.test(l) || l.length > 80 || /\($/.test(l)),
        [],
      );
    });
  }

  describe('the inserted helper, run against the real SDK errors', () => {
    type Delay = (err: unknown, attempt: number) => number | undefined;
    type Backoff = <T>(call: () => Promise<T>, tries?: number) => Promise<T>;
    let retryAfterMs: Delay;
    let withBackoff: Backoff;
    const apiError = (status: number, headers: Record<string, string> = {}, body?: object): Error =>
      sdk.APIError.generate(status, body ?? { type: 'error' }, undefined, new Headers(headers));
    const spendCap = (): Error =>
      apiError(
        429,
        {},
        {
          type: 'error',
          error: { type: 'rate_limit_error', details: { error_code: 'enforced_spend_limit_reached' } },
        },
      );
    const random = Math.random;

    before(async () => {
      const { text } = await applyFix(TS_DISABLED, 'typescript', 'retries-disabled', /backoff/);
      const mod = loadTs(`${text}\nexport { retryAfterMs, withBackoff };\n`);
      retryAfterMs = mod.retryAfterMs as Delay;
      withBackoff = mod.withBackoff as Backoff;
    });
    afterEach(() => {
      Math.random = random;
    });

    it('retries 429, 529 and other 5xx; not 4xx, a spend cap, a connection error or a plain Error', () => {
      Math.random = () => 0.5;
      for (const status of [429, 500, 502, 503, 504, 529]) {
        assert.equal(retryAfterMs(apiError(status), 1), 500, `status ${status}`);
      }
      for (const status of [400, 401, 403, 404, 408, 409, 413]) {
        assert.equal(retryAfterMs(apiError(status), 1), undefined, `status ${status}`);
      }
      assert.equal(retryAfterMs(spendCap(), 1), undefined);
      assert.equal(retryAfterMs(new sdk.APIConnectionError({ message: 'reset' }), 1), undefined);
      assert.equal(retryAfterMs(new Error('429 rate limited'), 1), undefined);
    });

    it('waits retry-after when sent, else full jitter doubling from 1 s up to 60 s', () => {
      assert.equal(retryAfterMs(apiError(429, { 'retry-after': '7' }), 1), 7000);
      assert.equal(retryAfterMs(apiError(529, { 'retry-after': '0' }), 3), 0);
      Math.random = () => 1;
      assert.deepEqual(
        [1, 2, 3, 6, 7, 8].map((attempt) => retryAfterMs(apiError(429, { 'retry-after': 'soon' }), attempt)),
        [1000, 2000, 4000, 32000, 60000, 60000],
      );
      Math.random = () => 0.25;
      assert.equal(retryAfterMs(apiError(503), 2), 500);
    });

    it('withBackoff calls again until success, at most `tries` times, and rethrows what it does not retry', async () => {
      Math.random = () => 0;
      const failing = (errors: Error[]) => {
        let calls = 0;
        return {
          call: async () => {
            calls++;
            const err = errors.shift();
            if (err) {
              throw err;
            }
            return 'ok';
          },
          calls: () => calls,
        };
      };
      const flaky = failing([apiError(429, { 'retry-after': '0' }), apiError(529), apiError(500)]);
      assert.equal(await withBackoff(flaky.call), 'ok');
      assert.equal(flaky.calls(), 4);
      const overloaded = failing(Array.from({ length: 9 }, () => apiError(529)));
      await assert.rejects(
        withBackoff(overloaded.call, 3),
        (err: Error) => (err as { status?: number }).status === 529,
      );
      assert.equal(overloaded.calls(), 3);
      const capped = failing([spendCap()]);
      await assert.rejects(withBackoff(capped.call), /enforced_spend_limit_reached/);
      assert.equal(capped.calls(), 1);
      const bad = failing([apiError(400)]);
      await assert.rejects(withBackoff(bad.call));
      assert.equal(bad.calls(), 1);
    });
  });

  for (const [label, importLine, expected] of [
    [
      'a named class import',
      "import { Anthropic, RateLimitError } from '@anthropic-ai/sdk';",
      /err instanceof Anthropic\.APIError\)/,
    ],
    [
      'a named APIError import',
      "import { Anthropic, APIError } from '@anthropic-ai/sdk';",
      /err instanceof APIError\)/,
    ],
    ['a namespace import', "import * as sdk from '@anthropic-ai/sdk';", /err instanceof sdk\.APIError\)/],
  ] as const) {
    it(`uses ${label}`, async () => {
      const src = TS_DISABLED.replace("import Anthropic from '@anthropic-ai/sdk';", importLine).replace(
        'new Anthropic(',
        label === 'a namespace import' ? 'new sdk.Anthropic(' : 'new Anthropic(',
      );
      const { text } = await applyFix(src, 'typescript', 'retries-disabled', /backoff/);
      assert.match(text, expected);
      assert.equal(count(text, '@anthropic-ai/sdk'), 1, 'no import added');
    });
  }

  it('names its delay helper afresh when the file already uses the name', async () => {
    const src = TS_DISABLED.replace(
      'export async function title',
      'const retryAfterMs = 5;\nexport async function title',
    );
    const { text } = await applyFix(src, 'typescript', 'retries-disabled', /backoff/);
    assert.equal(count(text, /function retryAfterMs2\(err: unknown/), 1);
    assert.equal(count(text, 'const delayMs = retryAfterMs2(err, attempt);'), 1);
  });

  it('adds a named import only when no usable one exists (Bedrock client), in CommonJS style for require files', async () => {
    const src = lines(
      "const { AnthropicBedrock } = require('@anthropic-ai/bedrock-sdk')",
      '',
      'const client = new AnthropicBedrock({ maxRetries: 0 })',
      '',
      'async function ask(q) {',
      "  return client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: q }] })",
      '}',
      'module.exports = { ask }',
    );
    const { text } = await applyFix(src, 'javascript', 'retries-disabled', /backoff/);
    assert.match(text, /^const \{ APIError \} = require\('@anthropic-ai\/sdk'\)$/m);
    assert.match(text, /^ {2}if \(!\(err instanceof APIError\) \|\| err\.status === undefined\) \{$/m);
    assert.match(text, /^ \* @returns \{number \| undefined\}$/m, 'JSDoc types, for checkJs');
    assert.match(
      text,
      /^ {6}await new Promise\(\(resolve\) => setTimeout\(resolve, delayMs\)\)$/m,
      'no semicolons',
    );
    assert.match(text, /return withBackoff\(\(\) =>\s+client\.messages\.create\(/);
  });

  it('Python: with_backoff_async (standard library) catching APIStatusError, filtered by _retryable', async () => {
    const src = lines(
      'import asyncio',
      '',
      'from anthropic import AsyncAnthropic',
      '',
      'client = AsyncAnthropic(max_retries=0)',
      '',
      '',
      'async def ask(q: str) -> str:',
      '    msg = await client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[{"role": "user", "content": q}])',
      '    return msg.content[0].text',
    );
    const { text } = await applyFix(src, 'python', 'retries-disabled', /backoff/);
    assert.match(
      text,
      /^import asyncio\nimport random\n\nfrom anthropic import AsyncAnthropic, APIStatusError\n/,
    );
    assert.match(text, /async def with_backoff_async\(call, attempts=6\):/);
    assert.match(
      text,
      /except APIStatusError as error:\n\s+if attempt == attempts or not _retryable\(error\):/,
    );
    assert.match(text, /if not isinstance\(error, APIStatusError\):/);
    assert.match(text, /await asyncio\.sleep\(_retry_delay\(error, attempt\)\)/);
    assert.match(text, /error\.response\.headers\.get\("retry-after"\)/);
    assert.match(text, /"enforced_spend_limit_reached"/);
    assert.match(text, /msg = await with_backoff_async\(lambda: client\.messages\.create\(/);
    assert.deepEqual(await findings(text, 'python', 'retries-disabled'), []);
    assert.equal(await pyChecks(text, src), '');
  });

  it('Python: the tenacity variant when the project depends on tenacity', async () => {
    const src = PY_DISABLED;
    const { text } = await applyFix(src, 'python', 'retries-disabled', /backoff/, {
      projectDeps: { pLimit: false, tenacity: true },
    });
    assert.match(
      text,
      /^from tenacity import retry_if_exception, stop_after_attempt, wait_random_exponential, Retrying$/m,
    );
    assert.match(text, /retry=retry_if_exception\(_retryable\),/);
    assert.match(text, /if not isinstance\(error, anthropic\.APIStatusError\):/);
    assert.match(text, /return Retrying\(\*\*_backoff_policy\(\)\)\(call\)/);
    assert.match(text, /return with_backoff\(lambda: client\.messages\.create\(/);
    assert.equal(await pyChecks(text, src), '');
  });

  describe('the inserted Python helper, run by python3 against stand-ins of the SDK errors', () => {
    /**
     * The anthropic package is not installed here (no PyPI), so this module stands in for
     * it: the error classes of anthropic 0.121 `_exceptions.py` with their constructors and
     * the status mapping of `_client.py::_make_status_error` (429 RateLimitError, 529
     * OverloadedError, other 5xx InternalServerError, the rest APIStatusError subclasses),
     * and a response whose headers read case-insensitively as httpx's do.
     */
    const STAND_IN = `
class AnthropicError(Exception):
    pass
class APIError(AnthropicError):
    def __init__(self, message, request, *, body):
        super().__init__(message)
        self.message, self.request, self.body = message, request, body
class APIStatusError(APIError):
    def __init__(self, message, *, response, body):
        super().__init__(message, response.request, body=body)
        self.response, self.status_code = response, response.status_code
class BadRequestError(APIStatusError): pass
class NotFoundError(APIStatusError): pass
class ConflictError(APIStatusError): pass
class RateLimitError(APIStatusError): pass
class OverloadedError(APIStatusError): pass
class InternalServerError(APIStatusError): pass
class APIConnectionError(APIError):
    def __init__(self, *, message="Connection error.", request):
        super().__init__(message, request, body=None)
class Headers(dict):
    def get(self, key, default=None):
        return dict.get(self, key.lower(), default)
class Response:
    def __init__(self, status_code, headers):
        self.status_code, self.request = status_code, object()
        self.headers = Headers({k.lower(): v for k, v in headers.items()})
def make_status_error(status, headers=None, body=None):
    cls = {400: BadRequestError, 404: NotFoundError, 409: ConflictError, 429: RateLimitError,
           529: OverloadedError}.get(status, InternalServerError if status >= 500 else APIStatusError)
    return cls(f"Error code: {status}", response=Response(status, headers or {}), body=body)
class Anthropic:
    def __init__(self, **options):
        self.options = options
`;
    const DRIVER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import anthropic, fixed
waits = []
fixed.time.sleep = waits.append
fixed.random.uniform = lambda low, high: high
err = anthropic.make_status_error
spend_cap = {"type": "error", "error": {"type": "rate_limit_error", "details": {"error_code": "enforced_spend_limit_reached"}}}
def run(errors, attempts=6):
    calls = []
    def call():
        calls.append(1)
        if errors:
            raise errors.pop(0)
        return "ok"
    waits.clear()
    try:
        result = fixed.with_backoff(call, attempts)
    except Exception as e:
        result = type(e).__name__ + " " + str(getattr(e, "status_code", ""))
    return {"result": result, "calls": len(calls), "waits": list(waits)}
print(json.dumps({
    "retryable": {str(s): fixed._retryable(err(s)) for s in [400, 401, 403, 404, 408, 409, 413, 429, 500, 502, 503, 504, 529]},
    "spendCap": fixed._retryable(err(429, body=spend_cap)),
    "connection": fixed._retryable(anthropic.APIConnectionError(request=None)),
    "plain": fixed._retryable(ValueError("429 rate limited")),
    "flaky": run([err(429, {"Retry-After": "7"}), err(529), err(500), err(503, {"retry-after": "soon"})]),
    "exhausted": run([err(529) for _ in range(9)], 3),
    "capped": run([err(429, body=spend_cap)]),
    "bad": run([err(400)]),
}))
`;

    it('retries 429, 529 and other 5xx as the TS helper does, waits retry-after, never a spend cap', async () => {
      const src = PY_DISABLED;
      const { text } = await applyFix(src, 'python', 'retries-disabled', /backoff/);
      assert.equal(await pyChecks(text, src), '');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-pybackoff-'));
      try {
        fs.writeFileSync(path.join(dir, 'anthropic.py'), STAND_IN);
        fs.writeFileSync(path.join(dir, 'fixed.py'), text);
        const out = JSON.parse(
          execFileSync('python3', ['-c', DRIVER, dir], { encoding: 'utf8', cwd: dir }),
        ) as Record<string, unknown>;
        const retried = [429, 500, 502, 503, 504, 529];
        assert.deepEqual(
          out.retryable,
          Object.fromEntries(
            [400, 401, 403, 404, 408, 409, 413, ...retried]
              .sort((a, b) => a - b)
              .map((st) => [String(st), retried.includes(st)]),
          ),
        );
        assert.equal(out.spendCap, false);
        assert.equal(out.connection, false);
        assert.equal(out.plain, false);
        // retry-after first (7 s), else full jitter doubling from 1 s (uniform's upper end here).
        assert.deepEqual(out.flaky, { result: 'ok', calls: 5, waits: [7, 2, 4, 8] });
        assert.deepEqual(out.exhausted, { result: 'OverloadedError 529', calls: 3, waits: [1, 2] });
        assert.deepEqual(out.capped, { result: 'RateLimitError 429', calls: 1, waits: [] });
        assert.deepEqual(out.bad, { result: 'BadRequestError 400', calls: 1, waits: [] });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('fix: backoff (raise the client’s retries)', () => {
  const fanout = (ctor: string): string =>
    lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      `const client = ${ctor};`,
      'export const run = (xs: string[]) =>',
      "  Promise.all(xs.map((x) => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: x }] })));",
    );

  for (const [ctor, expected] of [
    ['new Anthropic()', 'new Anthropic({ maxRetries: 6 })'],
    [
      'new Anthropic({ apiKey: process.env.KEY })',
      'new Anthropic({ apiKey: process.env.KEY, maxRetries: 6 })',
    ],
    ['new Anthropic({ maxRetries: 1 })', 'new Anthropic({ maxRetries: 6 })'],
    ['new Anthropic({\n  timeout: 5000,\n})', 'new Anthropic({\n  timeout: 5000,\n  maxRetries: 6,\n})'],
  ]) {
    it(`${ctor.replace(/\n\s*/g, ' ')} → ${expected.replace(/\n\s*/g, ' ')}`, async () => {
      const { text } = await applyFix(
        fanout(ctor),
        'typescript',
        'unbounded-fanout',
        'unbounded-fanout.raise-retries',
      );
      assert.ok(text.includes(`const client = ${expected};`), text);
    });
  }

  it('is not offered when the client already retries enough, nor for a client passed in', async () => {
    const high = await fixes(fanout('new Anthropic({ maxRetries: 8 })'), 'typescript', 'unbounded-fanout');
    assert.ok(!high.some((a) => a.id === 'unbounded-fanout.raise-retries'));
    const param = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      'export const run = (client: Anthropic, xs: string[]) =>',
      "  Promise.all(xs.map((x) => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: x }] })));",
    );
    const actions = await fixes(param, 'typescript', 'unbounded-fanout');
    assert.ok(!actions.some((a) => a.id === 'unbounded-fanout.raise-retries'));
  });

  it('does not insert the helper twice nor wrap a call twice', async () => {
    const src = fanout('new Anthropic({ maxRetries: 0 })');
    const once = await applyFix(src, 'typescript', 'unbounded-fanout', /backoff/);
    const twice = await applyFix(once.text, 'typescript', 'unbounded-fanout', 'unbounded-fanout.semaphore');
    assert.equal(count(twice.text, 'function withBackoff'), 1);
    assert.equal(count(twice.text, 'withBackoff(() =>'), 1);
    assert.match(twice.text, /withBackoff\(\(\) => limit\.run\(\(\) => client\.messages\.create\(/);
  });
});

describe('fix: naive-retry', () => {
  const TS_LOOP = lines(
    "import Anthropic from '@anthropic-ai/sdk';",
    '',
    'const client = new Anthropic();',
    'const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));',
    '',
    'export async function complete(prompt: string) {',
    '  while (true) {',
    '    try {',
    '      // one request',
    '      return await client.messages.create({',
    "        model: 'claude-sonnet-4-5',",
    '        max_tokens: 1024,',
    "        messages: [{ role: 'user', content: prompt }],",
    '      });',
    '    } catch (err) {',
    '      if (err instanceof Anthropic.RateLimitError) {',
    '        await sleep(1000);',
    '        continue;',
    '      }',
    '      throw err;',
    '    }',
    '  }',
    '}',
  );

  it('prefers removing the loop and letting the SDK retry (the client is built here)', async () => {
    const { text, action } = await applyFix(TS_LOOP, 'typescript', 'naive-retry');
    assert.equal(action.title, 'Remove the retry loop; let the SDK retry (maxRetries: 6)');
    assert.equal(action.safeForFixAll, false);
    assert.match(text, /const client = new Anthropic\(\{ maxRetries: 6 \}\);/);
    assert.match(
      text,
      /export async function complete\(prompt: string\) \{\n {2}\/\/ one request\n {2}return await client\.messages\.create\(\{\n {4}model: 'claude-sonnet-4-5',\n[\s\S]* {2}\}\);\n\}\n$/,
    );
    assert.deepEqual(await findings(text, 'typescript', 'naive-retry'), []);
  });

  it('or replaces the loop with withBackoff', async () => {
    const { text } = await applyFix(TS_LOOP, 'typescript', 'naive-retry', 'naive-retry.loop-with-backoff');
    // Broken as Prettier breaks it: the call on its own line, one level deeper.
    assert.match(
      text,
      /\n {2}return await withBackoff\(\(\) =>\n {4}client\.messages\.create\(\{\n {6}model: 'claude-sonnet-4-5',\n[\s\S]*\n {4}\}\),\n {2}\);\n\}\n$/,
    );
    assert.doesNotMatch(text, /while \(true\)/);
    assert.deepEqual(await findings(text, 'typescript', 'naive-retry'), []);
  });

  it('Python: unrolls `while True: try/except` with the try body dedented', async () => {
    const src = lines(
      'import time',
      '',
      'import anthropic',
      '',
      'client = anthropic.Anthropic()',
      '',
      '',
      'def ask(prompt: str) -> str:',
      '    while True:',
      '        try:',
      '            msg = client.messages.create(',
      '                model="claude-sonnet-4-5",',
      '                max_tokens=1024,',
      '                messages=[{"role": "user", "content": prompt}],',
      '            )',
      '            return msg.content[0].text',
      '        except anthropic.RateLimitError:',
      '            time.sleep(5)',
    );
    const { text } = await applyFix(src, 'python', 'naive-retry');
    assert.match(text, /client = anthropic\.Anthropic\(max_retries=6\)/);
    assert.match(
      text,
      /\ndef ask\(prompt: str\) -> str:\n {4}msg = client\.messages\.create\(\n {8}model=[\s\S]*\n {4}\)\n {4}return msg\.content\[0\]\.text\n$/,
    );
    // The loop's time.sleep goes, and with it the import nothing else uses.
    assert.ok(text.startsWith('import anthropic\n\nclient'), text);
    assert.equal(await pyChecks(text, src), '');
    const backoff = await applyFix(src, 'python', 'naive-retry', 'naive-retry.loop-with-backoff');
    assert.match(backoff.text, /\n {4}msg = with_backoff\(lambda: client\.messages\.create\(/);
    assert.equal(await pyChecks(backoff.text, src), '');
  });

  const RECURSION_PY = lines(
    'import time',
    '',
    'import anthropic',
    '',
    'client = anthropic.Anthropic()',
    '',
    '',
    'def classify(text: str, tries: int = 5) -> str:',
    '    try:',
    '        msg = client.messages.create(model="claude-haiku-4-5", max_tokens=50, messages=[])',
    '        return msg.content[0].text',
    '    except Exception:',
    '        if tries <= 0:',
    '            raise',
    '        time.sleep(10)',
    '        return classify(text, tries - 1)',
  );

  /** RECURSION_PY with its retry removed (the counter kept: `classify` is public). */
  const RECURSION_PY_FIXED = lines(
    'import anthropic',
    '',
    'client = anthropic.Anthropic(max_retries=6)',
    '',
    '',
    'def classify(text: str, tries: int = 5) -> str:',
    '    msg = client.messages.create(model="claude-haiku-4-5", max_tokens=50, messages=[])',
    '    return msg.content[0].text',
  );

  it('a retry by recursion: the retrying handler goes, the try with it when it was the only clause', async () => {
    const src = RECURSION_PY;
    const { text, action } = await applyFix(src, 'python', 'naive-retry');
    assert.equal(action.id, 'naive-retry.drop-recursion');
    assert.equal(
      action.title,
      'Remove the retry by recursion; let the SDK retry (max_retries=6); `tries` stays unused (`classify` may be called from other modules)',
    );
    assert.equal(action.safeForFixAll, false);
    assert.equal(text, RECURSION_PY_FIXED);
    assert.equal(await pyChecks(text, src), '');
  });

  it('a retry by recursion in a private Python function drops the counter and the callers’ arguments for it', async () => {
    const src =
      RECURSION_PY.replace(/classify/g, '_classify') +
      lines(
        '',
        '',
        'def label_all(texts):',
        '    first = _classify(texts[0], 3)',
        '    return [first] + [_classify(t, tries=1) for t in texts[1:]] + [_classify(t) for t in texts]',
      );
    const { text, action } = await applyFix(src, 'python', 'naive-retry');
    assert.equal(action.title, 'Remove the retry by recursion; let the SDK retry (max_retries=6)');
    assert.equal(
      text,
      RECURSION_PY_FIXED.replace('def classify(text: str, tries: int = 5)', 'def _classify(text: str)') +
        lines(
          '',
          '',
          'def label_all(texts):',
          '    first = _classify(texts[0])',
          '    return [first] + [_classify(t) for t in texts[1:]] + [_classify(t) for t in texts]',
        ),
    );
    assert.equal(await pyChecks(text, src), '');
  });

  it('a private method’s counter goes from self calls; a counter passed a computed value stays, and the title says why', async () => {
    const method = lines(
      'import time',
      '',
      'import anthropic',
      '',
      '',
      'class Labeler:',
      '    def __init__(self):',
      '        self.client = anthropic.Anthropic()',
      '',
      '    def label(self, text):',
      '        return self._ask(text, 0)',
      '',
      '    def _ask(self, text, attempt):',
      '        try:',
      '            msg = self.client.messages.create(model="claude-haiku-4-5", max_tokens=50, messages=[])',
      '            return msg.content[0].text',
      '        except Exception:',
      '            time.sleep(10)',
      '            return self._ask(text, attempt + 1)',
    );
    const fixed = await applyFix(method, 'python', 'naive-retry');
    assert.match(fixed.text, /return self\._ask\(text\)\n/);
    assert.match(fixed.text, /def _ask\(self, text\):/);
    assert.equal(await pyChecks(fixed.text, method), '');
    const computed = method.replace('self._ask(text, 0)', 'self._ask(text, next_attempt())');
    const kept = await applyFix(computed, 'python', 'naive-retry');
    assert.match(kept.action.title, /; `attempt` stays unused \(a call computes the argument\)$/);
    assert.match(kept.text, /def _ask\(self, text, attempt\):/);
    const outside = await applyFix(
      method + lines('', '', 'def first(labeler):', '    return labeler._ask("x", 0)'),
      'python',
      'naive-retry',
    );
    assert.match(outside.action.title, /; `attempt` stays unused \(`_ask` is called outside its class\)$/);
    // A public method keeps its counter (and `self` is never a candidate).
    const open = await applyFix(method.replace(/_ask/g, 'ask'), 'python', 'naive-retry');
    assert.match(open.action.title, /; `attempt` stays unused \(`ask` is a public method\)$/);
  });

  it('TS: a module-private function loses its counter; an exported one keeps it and says so', async () => {
    const src = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      '',
      'const client = new Anthropic();',
      '',
      'async function ask(q: string, attempt = 0): Promise<Anthropic.Message> {',
      '  try {',
      "    return await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: q }] });",
      '  } catch (err) {',
      '    if (attempt > 3) throw err;',
      '    await new Promise((resolve) => setTimeout(resolve, 1000));',
      '    return ask(q, attempt + 1);',
      '  }',
      '}',
      '',
      "export const first = () => ask('a', 0);",
      "export const second = () => ask('b');",
    );
    const { text } = await applyFix(src, 'typescript', 'naive-retry');
    assert.match(text, /\nasync function ask\(q: string\): Promise<Anthropic\.Message> \{\n/);
    assert.match(text, /first = \(\) => ask\('a'\);\nexport const second = \(\) => ask\('b'\);/);
    assert.deepEqual(await findings(text, 'typescript'), []);
    const exported = await applyFix(
      src.replace('async function ask', 'export async function ask'),
      'typescript',
      'naive-retry',
    );
    assert.match(exported.action.title, /; `attempt` stays unused \(`ask` is exported\)$/);
    assert.match(exported.text, /export async function ask\(q: string, attempt = 0\)/);
  });

  it('a retry by recursion in TS keeps the finally clause (and the client passed in keeps its retries)', async () => {
    const src = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      '',
      'let inFlight = 0;',
      '',
      'export async function summarize(client: Anthropic, text: string): Promise<Anthropic.Message> {',
      '  inFlight++;',
      '  try {',
      "    return await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 20, messages: [] });",
      '  } catch (err) {',
      '    await new Promise((resolve) => setTimeout(resolve, 2000));',
      '    return summarize(client, text);',
      '  } finally {',
      '    inFlight--;',
      '  }',
      '}',
      'export const busy = () => inFlight > 0;',
    );
    const { text, action } = await applyFix(src, 'typescript', 'naive-retry');
    // `text` was only passed on to the retry: unused now, and kept, the function being exported.
    assert.equal(
      action.title,
      'Remove the retry by recursion; the SDK retries; `text` stays unused (`summarize` is exported)',
    );
    assert.match(
      text,
      /max_tokens: 20, messages: \[\] \}\);\n {2}\} finally \{\n {4}inFlight--;\n {2}\}\n\}/,
    );
    assert.doesNotMatch(text, /catch|setTimeout/);
    assert.deepEqual(await findings(text, 'typescript', 'naive-retry'), []);
  });

  const WRAPPER = lines(
    "import Anthropic from '@anthropic-ai/sdk';",
    '',
    'const client = new Anthropic();',
    'const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));',
    '',
    'async function retrying<T>(fn: () => Promise<T>): Promise<T> {',
    '  try {',
    '    return await fn();',
    '  } catch {',
    '    await sleep(1000);',
    '    return fn();',
    '  }',
    '}',
    '',
    'async function describePage(page: string) {',
    "  return client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 400, messages: [] });",
    '}',
    '',
    'export async function describe(page: string) {',
    '  return retrying(() => describePage(page));',
    '}',
    '',
    'export const both = async (a: string, b: string) => [await retrying(async () => await describePage(a)), await describe(b)];',
  );

  it('a same-file retry wrapper: its calls become the calls they wrapped, and it goes with its sleep', async () => {
    const { text, action } = await applyFix(WRAPPER, 'typescript', 'naive-retry');
    assert.equal(action.id, 'naive-retry.drop-wrapper');
    assert.equal(action.title, 'Remove `retrying`; let the SDK retry (maxRetries: 6)');
    assert.equal(
      text,
      lines(
        "import Anthropic from '@anthropic-ai/sdk';",
        '',
        'const client = new Anthropic({ maxRetries: 6 });',
        '',
        'async function describePage(page: string) {',
        "  return client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 400, messages: [] });",
        '}',
        '',
        'export async function describe(page: string) {',
        '  return describePage(page);',
        '}',
        '',
        'export const both = async (a: string, b: string) => [await describePage(a), await describe(b)];',
      ),
    );
  });

  it('is not offered for a wrapper that is exported or used other than by calling it with a thunk', async () => {
    for (const changed of [
      WRAPPER.replace('async function retrying', 'export async function retrying'),
      WRAPPER + 'export const retry = retrying;\n',
      WRAPPER.replace('retrying(() => describePage(page))', 'retrying(describePage.bind(null, page))'),
    ]) {
      const ids = await withFixContext(changed, 'typescript', {}, (found, ctx) =>
        found.filter((f) => f.rule === 'naive-retry').flatMap((f) => fixesFor(f, ctx).map((a) => a.id)),
      );
      assert.ok(!ids.includes('naive-retry.drop-wrapper'), changed);
    }
    // The detector still sees the wrapper each time (the test would pass vacuously otherwise).
    for (const changed of [
      WRAPPER,
      WRAPPER.replace('async function retrying', 'export async function retrying'),
    ]) {
      assert.equal((await findings(changed, 'typescript', 'naive-retry')).length, 1);
    }
  });

  it('a loop around a local function that calls Claude is unrolled like a loop around the call', async () => {
    const src = lines(
      'import time',
      '',
      'import anthropic',
      '',
      'client = anthropic.Anthropic()',
      '',
      '',
      'def translate(text: str) -> str:',
      '    msg = client.messages.create(model="claude-haiku-4-5", max_tokens=300, messages=[])',
      '    return msg.content[0].text',
      '',
      '',
      'def with_retry(text: str) -> str:',
      '    while True:',
      '        try:',
      '            return translate(text)',
      '        except anthropic.APIStatusError:',
      '            time.sleep(2)',
    );
    const { text, action } = await applyFix(src, 'python', 'naive-retry');
    assert.equal(action.id, 'naive-retry.sdk-retries');
    assert.match(text, /\ndef with_retry\(text: str\) -> str:\n {4}return translate\(text\)\n$/);
    assert.ok(text.startsWith('import anthropic\n'), text);
    assert.equal(await pyChecks(text, src), '');
  });

  it('drops a stacked retry library and lets the SDK retry, or keeps it and turns the SDK’s retries off', async () => {
    const src = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      "import pRetry from 'p-retry';",
      '',
      'const client = new Anthropic();',
      '',
      'export async function categorize(product: string) {',
      '  return pRetry(',
      '    () =>',
      "      client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 20, messages: [{ role: 'user', content: product }] }),",
      '    { retries: 5 },',
      '  );',
      '}',
    );
    const drop = await applyFix(src, 'typescript', 'naive-retry');
    assert.equal(drop.action.title, 'Drop p-retry; let the SDK retry (maxRetries: 6)');
    assert.doesNotMatch(drop.text, /pRetry|p-retry/);
    assert.match(drop.text, /return client\.messages\.create\(\{ model/);
    const keep = await applyFix(src, 'typescript', 'naive-retry', 'naive-retry.sdk-retries-off');
    assert.match(keep.text, /new Anthropic\(\{ maxRetries: 0 \}\)/);
    assert.deepEqual(await findings(keep.text, 'typescript', 'naive-retry'), []);
  });
});
