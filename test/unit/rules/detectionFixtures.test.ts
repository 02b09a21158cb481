/**
 * Issue 18: the shapes found on real code (the `tune` split of test/realworld) and in the
 * wild, one positive and one look-alike negative each, in test/fixtures/detection (same
 * markers as the lint corpus). They live beside the lint corpus because some findings here
 * (recursion, wrappers, libraries around local functions) have no quick fix, which the fix
 * corpus requires of every finding there.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Finding, languageForPath } from '../../../src/core/lint';
import { applyEdits, type FixContext, fixesFor } from '../../../src/core/fix';
import { withFixContext } from '../fix/helpers';
import { fixturesDir, getEngine, markers } from '../lint/helpers';

const DIR = path.resolve(fixturesDir, '../detection');
const files = (): string[] =>
  ['python', 'ts']
    .flatMap((g) => fs.readdirSync(path.join(DIR, g)).map((f) => `${g}/${f}`))
    .filter((f) => languageForPath(f))
    .sort();

async function lint(rel: string): Promise<{ expected: string[]; actual: Finding[]; header: string }> {
  const engine = await getEngine();
  const text = fs.readFileSync(path.join(DIR, rel), 'utf8');
  const language = languageForPath(rel);
  assert.ok(language, rel);
  const errors: string[] = [];
  const actual = engine.lint(text, language, {
    onRuleError: (rule, err) => errors.push(`${rule}: ${String(err)}`),
  });
  // A rule that threw reports nothing: fail here, not as a puzzling missing finding.
  assert.deepEqual(errors, [], `${rel}: a rule threw`);
  return {
    expected: markers(text).map((m) => `${m.line}:${m.rule}`),
    actual,
    header: text.split('\n')[0],
  };
}

const message = async (rel: string, rule: string): Promise<string> => {
  const f = (await lint(rel)).actual.find((x) => x.rule === rule);
  assert.ok(f, `${rel}: no ${rule} finding`);
  return f.message;
};

describe('detection fixtures (test/fixtures/detection)', () => {
  it('pairs every positive with a look-alike negative', () => {
    const all = files();
    const positives = all.filter((f) =>
      /\(positive/.test(fs.readFileSync(path.join(DIR, f), 'utf8').split('\n')[0]),
    );
    assert.ok(positives.length >= 10, `${positives.length} positives`);
    assert.ok(all.length - positives.length >= positives.length - 2, 'about as many negatives as positives');
  });

  it('batchable-fanout names the functions followed from the loop to the call, and where the loop runs', async () => {
    assert.match(
      await message('python/batchable-retrying-helper-two-calls-deep.py', 'batchable-fanout'),
      /This loop \(through process\(\) and ask\(\)\) in main\(\) sends one Claude request per item/,
    );
    assert.match(
      await message('python/batchable-instance-method-in-comprehension.py', 'batchable-fanout'),
      /This comprehension \(through annotate\(\)\) in annotate_all\(\), called from main\(\)/,
    );
  });

  it('batchable-fanout counts the requests each item costs through the functions the loop calls', async () => {
    assert.match(
      await message('python/batchable-three-stage-analysis-per-item.py', 'batchable-fanout'),
      /This loop \(through analyze\(\) and ask\(\)\) in main\(\) sends up to 3 Claude requests per item/,
    );
  });

  it('unbounded-fanout names the parameter a pool is sized by and its default', async () => {
    assert.match(
      await message('python/fanout-pool-parameter-default-fifty.py', 'unbounded-fanout'),
      /with max_workers=max_workers, default 50; cap it\. Callers that keep the default send 50 requests at once, past the default tier's burst.*Use max_workers=min\(max_workers, 4\)/,
    );
  });

  it('naive-retry reads a delay grown through min(delay * base, cap) as a back-off, not a fixed wait', async () => {
    assert.match(
      await message('python/naive-retry-delay-grows-through-min.py', 'naive-retry'),
      /^This loop retries the Claude call with its own back-off, ignoring retry-after/,
    );
  });

  it('batchable-fanout names a CLI command handed to fire.Fire as where the loop runs', async () => {
    assert.match(
      await message('python/batchable-partial-keyword-fire-cli.py', 'batchable-fanout'),
      /in the CLI command judge\(\) sends one Claude request per item/,
    );
  });

  for (const rel of files()) {
    it(`${rel}: findings match the markers`, async () => {
      const { expected, actual, header } = await lint(rel);
      assert.match(
        header,
        /^(?:#|\/\/) [a-z-]+(?:, [a-z-]+)* \((?:positive|negative)/,
        'header names the rules',
      );
      assert.deepEqual(actual.map((f) => `${f.range.start.line + 1}:${f.rule}`).sort(), expected.sort());
      for (const f of actual) {
        const first = f.message.slice(0, f.message.search(/\.\s/) + 1);
        assert.ok(
          first.length > 0 && first.length <= 100,
          `first sentence over 100 characters: ${f.message}`,
        );
      }
    });
  }

  it('string-matched-error on a raw fetch error points at the response status, not a status the Error lacks', async () => {
    const msg = await message('ts/string-matched-error-raw-http-helper.js', 'string-matched-error');
    assert.match(msg, /Test the response's status where the error is raised \(response\.status === 429\)/);
    assert.doesNotMatch(msg, /err\.status === 429/);
  });

  it('naive-retry: a hand-unrolled retry whose nested re-send waits longer (45 s, then 90 s) is not "a fixed 45 s wait"', async () => {
    const msg = await message('python/naive-retry-unrolled-resend.py', 'naive-retry');
    assert.match(msg, /^`ask` re-sends on error with its own back-off, ignoring retry-after;/);
    assert.doesNotMatch(msg, /fixed/);
  });

  it('naive-retry: an abort timer is not a wait; a status recursion bounded by its attempts says so', async () => {
    const abort = await message('ts/naive-retry-abort-timer-resends-at-once.ts', 'naive-retry');
    assert.match(abort, /retries the Claude call immediately/);
    assert.doesNotMatch(abort, /fixed 20 s wait/);
    assert.match(
      await message('ts/naive-retry-fetch-recursion-429-while-attempts-left.ts', 'naive-retry'),
      /calls send\(\) again when the HTTP response's status is 429, while `attempt < 3`\./,
    );
  });

  it('naive-retry says what it saw: the held semaphore, the parsed wait, the local function', async () => {
    assert.match(
      await message('python/naive-retry-recursion-under-semaphore.py', 'naive-retry'),
      /^`summarize` retries by calling itself after a fixed 5 s wait inside `self\._sem`: a deadlock risk\./,
    );
    assert.match(
      await message('python/naive-retry-wait-parsed-from-message.py', 'naive-retry'),
      /after a wait read from the error text.*r"try again in \(\\d\+\)"/,
    );
    assert.match(
      await message('ts/naive-retry-wait-parsed-from-message.ts', 'naive-retry'),
      /after a wait read from the error text.*\/retry in \(\\d\+\)s\//,
    );
    assert.match(
      await message('python/naive-retry-paced-by-self-wait.py', 'naive-retry'),
      /after waiting on a rate limiter, ignoring retry-after/,
    );
    assert.match(
      await message('python/naive-retry-legacy-completions.py', 'naive-retry'),
      /^This loop retries the Claude call after a fixed 10 s wait;/,
      'a module constant wait is read',
    );
    assert.match(
      await message('python/naive-retry-loop-same-query.py', 'naive-retry'),
      /^This loop retries answer\(\) immediately;/,
    );
    assert.match(
      await message('python/naive-retry-raw-http-messages.py', 'naive-retry'),
      /^This loop retries the HTTP call after a fixed 15 s wait;/,
      'a raw-HTTP call to the Messages endpoint is named as such',
    );
    assert.match(
      await message('python/naive-retry-raw-http-messages.py', 'string-matched-error'),
      /^Tests the error message for '429' \(in `_looks_rate_limited`, line 11\); check the status\..*status_code", None\) == 429/,
      'no SDK error class to suggest for a raw-HTTP call',
    );
    assert.match(
      await message('python/naive-retry-super-method.py', 'naive-retry'),
      /^This loop retries super\(\)\.send\(\) with its own back-off, ignoring retry-after/,
      'the base class method reached through super() is named',
    );
    assert.match(
      await message('ts/naive-retry-cast-stream-closure.ts', 'naive-retry'),
      /^This loop retries runStream\(\) with its own back-off, ignoring retry-after/,
      'the closure streaming through a cast resource is named',
    );
    assert.match(
      await message('ts/fanout-thunks-passed-function.ts', 'unbounded-fanout'),
      /one Claude request per item \(through cardsFor\(\)\)/,
      'the function the thunks hand on is named',
    );
    assert.match(
      await message('ts/naive-retry-injected-client-predicate.js', 'string-matched-error'),
      /'rate limit' \(in `isRateLimitError`, line 14\)/,
      'the predicate method of a wrapper class with an injected client is named',
    );
    const lib = (await lint('python/naive-retry-backoff-around-local-function.py')).actual[0];
    assert.equal(lib.severity, 'info', 'a retry library stacked on SDK retries is information');
  });

  it('naive-retry says what it saw (fresh4 shapes): status recursion, a returned failure, a wait from the second attempt on', async () => {
    assert.match(
      await message('python/naive-retry-status-recursion-raw-http.py', 'naive-retry'),
      /^`classify` retries by calling itself after a fixed 45 s wait;.*again when the HTTP response's status is 429/,
      'a recursion on the response status, its wait read from a local',
    );
    assert.match(
      await message('ts/naive-retry-resend-on-returned-error.mjs', 'naive-retry'),
      /^`rate` re-sends on error immediately;.*ask\(\) catches its Claude errors \(a 429 included\) and returns them/,
      'a re-send on a returned failure names the function that swallows the errors',
    );
    assert.match(
      await message('ts/naive-retry-http-loop-rethrows-own-5xx-text.js', 'naive-retry'),
      /^This loop retries callClaude\(\) with its own back-off, ignoring retry-after/,
      'a doubling wait at the top of the try, from the second attempt on, is the back-off',
    );
    assert.match(
      await message('python/naive-retry-getattr-dispatch.py', 'naive-retry'),
      /^This loop retries run\(\) after a fixed 5 s wait;/,
    );
    assert.match(
      await message('python/naive-retry-wait-from-attribute.py', 'naive-retry'),
      /^This loop retries (?:the Claude call )?after a fixed wait \(self\.pause\);/,
      'a fixed wait that is no literal names what it is read from',
    );
  });

  it('unbounded-fanout says where a pool size filled by callers comes from (fresh6 shape)', async () => {
    assert.match(
      await message('python/fanout-pool-size-from-cli-default.py', 'unbounded-fanout'),
      /with max_workers=threads, default 40 from --threads;.*Runs that keep the default send 40 requests at once.*max_workers=min\(threads, 4\)/,
      'the argparse default is read two calls up and named',
    );
  });

  it('naive-retry says what it saw (fresh6): a raw-HTTP request sent again once on a returned 429', async () => {
    assert.match(
      await message('ts/naive-retry-built-request-resent-on-429.ts', 'naive-retry'),
      /^`survey` re-sends on HTTP 429 after a fixed 2 s wait;.*send\(\) posts to the Messages endpoint \(the request built by provider\.build\(\)\) and returns the response's status/,
      'the request built by a table entry names the builder call',
    );
    assert.match(
      await message('ts/naive-retry-fetch-status-resent-once.mjs', 'naive-retry'),
      /^`label` re-sends on HTTP 429 immediately;.*classify\(\) posts to the Messages endpoint and returns/,
      'a sender that posts itself names no builder',
    );
  });

  it('naive-retry says what it saw (fresh16): https.request in a Promise, a status guard, a wait schedule, a caller-given path, a delay parsed from the text', async () => {
    assert.match(
      await message('ts/naive-retry-https-request-promise-flag-429.js', 'naive-retry'),
      /^This loop retries HTTP 429 responses .* The request is sent with https\.request\(\) inside an awaited Promise\./,
    );
    const schedule = await message('ts/naive-retry-caller-schedule-set-guard.js', 'naive-retry');
    assert.match(
      schedule,
      /The status test on line 23 gives up on the other statuses and lets a 429 through to the wait\./,
    );
    assert.match(
      schedule,
      /The waits are the entries of `delays`, a schedule fixed before the first attempt\./,
    );
    assert.match(
      await message('ts/naive-retry-caller-given-path-status-guard.mjs', 'naive-retry'),
      /The URL's path comes from the callers of request\(\) \('\/messages' on line 27\)\. The status test on line 15/,
    );
    assert.match(
      await message('python/naive-retry-urllib-request-url-from-method.py', 'naive-retry'),
      /The URL comes from self\._url\(\) \(line 15\), which returns the Messages endpoint\. The Request built on line 23 is sent by urlopen\(\) on line 26\./,
    );
    assert.match(
      await message('python/naive-retry-keyword-lambda-text-delay.py', 'naive-retry'),
      /^`build` retries query_fn\(\) after a wait read from the error text, not retry-after\./,
    );
    const { actual } = await lint('python/naive-retry-keyword-lambda-text-delay.py');
    assert.equal(
      actual.filter((f) => f.rule === 'string-matched-error').length,
      1,
      'a predicate called twice in one handler is one text test',
    );
  });

  it('naive-retry says what it saw (wild): lock-step only when fanned out, no "immediately" through a retry wrapper', async () => {
    const plain = await message('ts/naive-retry-fixed-wait-json-reask.ts', 'naive-retry');
    assert.match(
      plain,
      /^This loop retries the Claude call after a fixed 1 s wait;.* a 429 says in retry-after when capacity is back/,
    );
    assert.doesNotMatch(plain, /lock-step|parallel|workers/, 'nothing runs in parallel there');
    assert.match(
      await message('ts/naive-retry-fixed-wait-fanned-out.ts', 'naive-retry'),
      /the call runs once per item, in parallel \(the \.map on line 8\), and workers that hit a 429 together retry in lock-step/,
    );
    assert.match(
      await message('python/naive-retry-fixed-wait-thread-pool.py', 'naive-retry'),
      /the file runs its calls on parallel workers \(ThreadPoolExecutor on line 32\), and workers that hit a 429 together retry in lock-step/,
    );
    const stacked = await message('ts/naive-retry-pipeline-rerun-through-retry-wrapper.ts', 'naive-retry');
    assert.match(
      stacked,
      /^`parse` re-sends on error with no wait of its own, on top of the retries of withRetry\(\)\..*analyze\(\) already calls Claude through withRetry\(\)/,
    );
    assert.doesNotMatch(stacked, /immediately/);
  });

  it('naive-retry and string-matched-error say what they saw (fresh10): a re-queued request, a raw response body', async () => {
    assert.match(
      await message('python/naive-retry-requeue-failed-job.py', 'naive-retry'),
      /^This retry queue re-sends failed requests after a fixed 2 s wait\..*worker\(\) puts a failed request back on `jobs`, and the loop on line 10 that drains `jobs` sends it again\./,
    );
    const msg = await message('ts/string-matched-error-raw-response-body.ts', 'string-matched-error');
    assert.match(
      msg,
      /^Tests the error message for 'rate limit' \(the response's error\); check the status\. Test res\.status === 429:/,
    );
  });

  for (const rel of [
    'python/naive-retry-while-index-advanced-on-success.py',
    'ts/naive-retry-while-index-stepped-on-success.ts',
    'ts/naive-retry-item-loop-steps-back.ts',
  ]) {
    it(`${rel}: a retry loop that also walks a list is kept; its fixes change only the call's retries`, async () => {
      await withFixture(rel, (text, findings, ctx) => {
        const retry = findings.find((f) => f.rule === 'naive-retry');
        assert.ok(retry, 'the retry is found');
        const actions = fixesFor(retry, ctx);
        assert.ok(actions.length > 0, 'a fix is offered');
        for (const a of actions) {
          // Unrolling the loop would send only the first item.
          assert.doesNotMatch(a.title, /remove the retry loop|replace the loop/i);
          const loopHead = /^\s*(?:while|for)\b.*$/m.exec(text.slice(retry.start))?.[0] ?? '';
          assert.ok(
            loopHead && applyEdits(text, a.edits).includes(loopHead.trim()),
            `${a.title} keeps the loop`,
          );
        }
      });
    });
  }

  for (const rel of [
    'ts/nonstreaming-parse-large-max-tokens.ts',
    'python/nonstreaming-parse-large-max-tokens.py',
  ]) {
    it(`${rel}: a structured-outputs parse is named in the message and offered no rewrite to stream`, async () => {
      await withFixture(rel, (_text, findings, ctx) => {
        const found = findings.find((f) => f.rule === 'nonstreaming-max-tokens');
        assert.ok(found, 'the parse call is found');
        assert.match(found.message, /A non-streaming (?:beta\.)?messages\.parse with max_tokens/);
        assert.deepEqual(
          fixesFor(found, ctx).map((a) => a.title),
          ['Lower max_tokens to 21,333'],
        );
      });
    });
  }

  for (const rel of ['python/naive-retry-raw-http-messages.py', 'ts/naive-retry-fetch-messages.ts']) {
    it(`${rel}: a retry of the Messages API over raw HTTP gets no SDK advice and no SDK fix`, async () => {
      await withFixture(rel, (_text, findings, ctx) => {
        const retry = findings.find((f) => f.rule === 'naive-retry');
        assert.ok(retry, 'the retry is found');
        assert.doesNotMatch(retry.message, /max_?retries|let the SDK retry/i);
        assert.match(retry.message, /through the Anthropic SDK/);
        // An SDK backoff helper would catch errors a raw HTTP call never raises.
        assert.deepEqual(
          findings.flatMap((f) => fixesFor(f, ctx)).map((a) => a.title),
          [],
        );
      });
    });
  }
});

/** Lints a detection fixture and hands its text, findings and fix context to `use`. */
async function withFixture(
  rel: string,
  use: (text: string, findings: Finding[], ctx: FixContext) => void,
): Promise<void> {
  const text = fs.readFileSync(path.join(DIR, rel), 'utf8');
  const language = languageForPath(rel);
  assert.ok(language);
  await withFixContext(text, language, {}, (findings, ctx) => use(text, findings, ctx));
}
