import * as assert from 'node:assert/strict';
import { computeBudget, mergeSnapshot } from '../../../src/core/monitor/budget';
import type { CallSketch } from '../../../src/core/monitor/callSketch';
import { capacityHoverMarkdown } from '../../../src/core/monitor/capacityHover';
import { parseRateLimitHeaders } from '../../../src/core/monitor/headers';

const T0 = Date.parse('2026-12-06T09:00:00Z');
/** `client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 200, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello there, how are you?' }] })` as sketched (callSketch.test.ts reads it). */
const CALL: CallSketch = {
  model: 'claude-haiku-4-5',
  maxTokens: 200,
  literalChars: 38,
  nonLiteral: false,
  method: 'create',
  calleeStart: 0,
  calleeEnd: 22,
  argsEnd: 160,
};

describe('capacity hover', () => {
  it('marks bundled defaults as defaults when nothing was measured', () => {
    const md = capacityHoverMarkdown({ call: CALL, fallbackModel: 'x', fanout: { callee: 'Promise.all' } });
    assert.match(md, /\*\*Defaults\*\* \(Start tier, bundled\): 1,000 RPM, 2,000,000 ITPM, 400,000 OTPM/);
    assert.match(
      md,
      /Cost per call: ≤ \$0\.0010 \(Haiku 4\.5; input ≈ 10 tokens estimated from 38 characters/,
    );
    assert.match(
      md,
      /per 100 calls \(count unknown\) all at once: about \*\*\d+s\*\* under the default limits/,
    );
    assert.match(md, /latency [\d,]+ ms assumed/);
  });

  it('uses the measured budget, with its age, and names the binding limit', () => {
    const headers = parseRateLimitHeaders({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '10',
      'anthropic-ratelimit-requests-reset': '2026-12-06T09:00:50Z',
      'anthropic-ratelimit-input-tokens-limit': '50000',
      'anthropic-ratelimit-input-tokens-remaining': '50000',
      'anthropic-ratelimit-input-tokens-reset': '2026-12-06T09:00:00Z',
      'anthropic-ratelimit-output-tokens-limit': '10000',
      'anthropic-ratelimit-output-tokens-remaining': '10000',
      'anthropic-ratelimit-output-tokens-reset': '2026-12-06T09:00:00Z',
    });
    const record = mergeSnapshot(undefined, 'claude-haiku-4-5', headers, T0, 'observed', 200);
    const md = capacityHoverMarkdown({
      call: CALL,
      fallbackModel: 'x',
      fanout: { callee: 'asyncio.gather', count: 40, concurrency: 40 },
      budget: computeBudget(record, T0 + 12_000),
      latencyMs: 1000,
    });
    assert.match(
      md,
      /Headroom now: RPM 10\/50 \(20%\) · ITPM 50,000\/50,000 \(100%\) · OTPM 10,000\/10,000 \(100%\) — observed 12s ago/,
    );
    // 40 calls with 10 requests in the bucket at 50/min: (40 − 10) / (50/60) = 36 s + 1 s.
    assert.match(
      md,
      /40 calls at concurrency 40: about \*\*37s\*\* under the measured limits; bound by requests per minute/,
    );
    // 50 RPM at 1 s per call sustains 0.83 in flight: 1.
    assert.match(md, /Concurrency ≤ \*\*1\*\*/);
    assert.match(md, /measured latency 1,000 ms/);
  });
});
