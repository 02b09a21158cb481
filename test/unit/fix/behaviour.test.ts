/**
 * The fixes stop the 429s: a fan-out of 50 calls through the real `@anthropic-ai/sdk`
 * against the local Anthropic-compatible server at a low limit fails unfixed, and succeeds
 * with no more than the cap in flight once the semaphore fix and a backoff fix are applied
 * by the generators (the fixed TypeScript is transpiled with esbuild and run).
 */
import * as assert from 'node:assert/strict';
import { type FixAction, applyEdits, fixesFor } from '../../../src/core/fix';
import type { RuleId } from '../../../src/core/lint';
import { type MockAnthropic, type MockFaults, startMockAnthropic } from '../../mock-anthropic/server';
import { lines, loadTs, withFixContext } from './helpers';

const MODEL = 'claude-haiku-4-5';
const CAP = 8;
const CALLS = 50;
const RPM = 120;
/** Requests left in the bucket when a run starts: a tight burst. */
const BURST = 10;

const SOURCE = lines(
  "import Anthropic from '@anthropic-ai/sdk';",
  '',
  "const client = new Anthropic({ baseURL: process.env.HEADROOM_FIX_MOCK_URL, apiKey: 'sk-test', maxRetries: 0 });",
  '',
  'export async function classifyAll(items: string[]): Promise<PromiseSettledResult<Anthropic.Message>[]> {',
  '  return Promise.allSettled(',
  '    items.map((item) =>',
  '      client.messages.create({',
  `        model: '${MODEL}',`,
  '        max_tokens: 16,',
  "        messages: [{ role: 'user', content: `Classify: ${item}` }],",
  '      }),',
  '    ),',
  '  );',
  '}',
);

type ClassifyAll = (items: string[]) => Promise<Array<PromiseSettledResult<unknown>>>;

/** The fixed module, transpiled and loaded. */
function load(ts: string): { classifyAll: ClassifyAll } {
  return loadTs(ts) as { classifyAll: ClassifyAll };
}

/** Applies the fix `pick` chooses for the first finding of `rule`. */
async function applyRuleFix(text: string, rule: RuleId, pick: (a: FixAction) => boolean): Promise<string> {
  const settings = { concurrency: CAP, maxTokens: 1024 };
  const action = await withFixContext(text, 'typescript', { settings }, (found, ctx) => {
    const finding = found.find((f) => f.rule === rule);
    assert.ok(finding, `no ${rule} finding`);
    return fixesFor(finding, ctx).find(pick);
  });
  assert.ok(action, `no such ${rule} fix`);
  return applyEdits(text, action.edits);
}

describe('fix behaviour: the fixed fan-out stops drawing 429s (real SDK, local server)', function () {
  this.timeout(60_000);
  let mock: MockAnthropic;
  const items = Array.from({ length: CALLS }, (_, i) => `ticket ${i}`);
  const saved = process.env.HEADROOM_FIX_MOCK_URL;

  /**
   * The mock's bucket clock, injected: it stands still while requests arrive, however fast or
   * slowly they land, and moves only by `refusalStep` on each 429 (time passing while the
   * client backs off), so how many calls succeed depends on the code under test alone.
   */
  let now = Date.UTC(2026, 0, 1);
  let refusalStep = 0;

  before(async () => {
    mock = await startMockAnthropic({
      limits: { rpm: RPM, itpm: 10_000_000, otpm: 10_000_000 },
      now: () => now,
      onRecord: (entry) => {
        if (entry.status === 429) now += refusalStep;
      },
    });
    process.env.HEADROOM_FIX_MOCK_URL = mock.url;
  });

  after(async () => {
    await mock?.close();
    if (saved === undefined) {
      delete process.env.HEADROOM_FIX_MOCK_URL;
    } else {
      process.env.HEADROOM_FIX_MOCK_URL = saved;
    }
  });

  /**
   * A fresh run: full stats, a tight burst left in the bucket, a little latency so calls
   * overlap. Each 429 lets a capped batch's worth of refill pass (CAP requests: CAP × 60 s /
   * RPM), the client's backoff, so clients that back off get through and clients that do not,
   * do not.
   */
  function fresh(faults: MockFaults = { latencyMs: 40 }): void {
    mock.reset();
    refusalStep = (CAP * 60_000) / RPM;
    mock.setRemaining(MODEL, { requests: BURST });
    mock.setFaults(faults);
  }

  it('unfixed: 50 calls at once, no retries — all but the burst fail with 429', async () => {
    // A clock that stands still, and answers held until more than the cap are in flight at once.
    fresh({ latencyMs: 40, holdUntilInFlight: CAP + 1 });
    refusalStep = 0;
    const results = await load(SOURCE).classifyAll(items);
    const failed = results.filter((r) => r.status === 'rejected');
    assert.equal(failed.length, CALLS - BURST);
    for (const r of failed) {
      assert.equal((r as PromiseRejectedResult).reason?.status, 429);
    }
    assert.ok(mock.stats().maxInFlight > CAP, `max in flight ${mock.stats().maxInFlight}`);
  });

  it('semaphore fix + "Retry on rate limit with backoff": all 50 succeed, at most 8 in flight', async () => {
    const capped = await applyRuleFix(SOURCE, 'unbounded-fanout', (a) =>
      a.title.startsWith(`Cap concurrency at ${CAP} with a semaphore`),
    );
    const fixed = await applyRuleFix(
      capped,
      'retries-disabled',
      (a) => a.title === 'Retry on rate limit with backoff',
    );
    assert.match(fixed, /limit\.run\(\(\) =>\s+withBackoff\(\(\) =>\s+client\.messages\.create\(/);
    fresh();
    const results = await load(fixed).classifyAll(items);
    assert.deepEqual(
      results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)),
      [],
    );
    const stats = mock.stats();
    assert.ok(stats.maxInFlight <= CAP, `max in flight ${stats.maxInFlight}`);
    assert.ok((stats.byStatus['429'] ?? 0) > 0, 'the limit was hit and backed off from');
    assert.equal(stats.byStatus['200'], CALLS);
  });

  it('semaphore fix + the preferred backoff (raise maxRetries): all 50 succeed, at most 8 in flight', async () => {
    const capped = await applyRuleFix(SOURCE, 'unbounded-fanout', (a) => a.isPreferred);
    const fixed = await applyRuleFix(capped, 'retries-disabled', (a) => a.isPreferred);
    assert.match(fixed, /maxRetries: 6/);
    fresh();
    const results = await load(fixed).classifyAll(items);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, CALLS);
    assert.ok(mock.stats().maxInFlight <= CAP, `max in flight ${mock.stats().maxInFlight}`);
  });

  it('withBackoff retries a 529 but never a spend-cap 429', async () => {
    const fixed = await applyRuleFix(
      SOURCE,
      'retries-disabled',
      (a) => a.title === 'Retry on rate limit with backoff',
    );
    const { classifyAll } = load(fixed);
    fresh();
    mock.setFaults({ error: 'overloaded', times: 1 });
    const overloaded = await classifyAll(['one']);
    assert.equal(overloaded[0].status, 'fulfilled');
    assert.equal(mock.stats().byStatus['529'], 1);
    fresh();
    mock.setFaults({ error: 'spend-cap' });
    const capped = await classifyAll(['one']);
    assert.equal(capped[0].status, 'rejected');
    assert.equal(mock.stats().requests, 1, 'a spend-cap 429 is not retried');
  });
});
