/**
 * Hostile input, the key and memory (issue items 5, 6, 7): no client built with the user's
 * key takes its address from the environment, partial keys never reach a log, and the
 * proxy's per-model counters stay bounded whatever model ids a client sends.
 */
import * as assert from 'node:assert/strict';
import { createKeyedClient, keyDestination } from '../../../src/core/anthropicClient';
import { MAX_MODELS, TrafficRecorder } from '../../../src/core/proxy/stats';
import { scrubSecrets } from '../../../src/core/secrets';

// Obviously fake and not key-shaped: the scrubber must find it because it is the known secret.
const KEY = 'test-key-FAKE-NOT-A-REAL-KEY-0123456789abcdefghijklmnopqrstuvwxyz';

describe('hostile input: where the key goes', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.ANTHROPIC_BASE_URL;
    process.env.ANTHROPIC_BASE_URL = 'http://attacker.example:8080';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.ANTHROPIC_BASE_URL;
    else process.env.ANTHROPIC_BASE_URL = saved;
  });

  it('with no configured URL, a keyed client goes to the real API, never to ANTHROPIC_BASE_URL', () => {
    assert.equal(keyDestination(undefined), 'https://api.anthropic.com');
    assert.equal(keyDestination('  '), 'https://api.anthropic.com');
    assert.equal(createKeyedClient({ apiKey: KEY }).baseURL, 'https://api.anthropic.com');
  });

  it('a configured URL must be https, or http on loopback', () => {
    assert.equal(
      createKeyedClient({ apiKey: KEY, baseURL: 'http://127.0.0.1:9/' }).baseURL,
      'http://127.0.0.1:9',
    );
    assert.equal(keyDestination('https://gateway.example/anthropic/'), 'https://gateway.example/anthropic');
    for (const bad of [
      'http://10.0.0.5:8080',
      'http://attacker.example',
      'https://user:pw@api.example',
      'nonsense',
    ]) {
      assert.throws(() => keyDestination(bad), TypeError, bad);
      assert.throws(() => createKeyedClient({ apiKey: KEY, baseURL: bad }), TypeError, bad);
    }
  });
});

describe('hostile input: keys in error text', () => {
  it('redacts the key, any 8+ character fragment of it, and any other sk-ant- key', () => {
    const echoed = `invalid x-api-key: ${KEY.slice(10, 40)}… (prefix ${KEY.slice(0, 14)}) other sk-ant-admin01-XYZW1234`;
    const out = scrubSecrets(echoed, [KEY]);
    assert.doesNotMatch(out, /FAKE-NOT|0123456|sk-ant-/);
    for (let i = 0; i + 8 <= KEY.length; i++) {
      assert.ok(!out.includes(KEY.slice(i, i + 8)), KEY.slice(i, i + 8));
    }
    assert.match(out, /^invalid x-api-key: \[redacted\]… \(prefix \[redacted\]\) other \[redacted\]$/);
  });

  it('leaves text that shares only short runs with the key alone', () => {
    assert.equal(
      scrubSecrets('rate_limit_error: api03 limit reached', [KEY]),
      'rate_limit_error: api03 limit reached',
    );
  });

  it('takes time linear in the text (8× the text, under 24× the time)', () => {
    // CPU time, the least of a few runs: other processes on a loaded machine do not count,
    // and the least run is the one the collector disturbed least.
    const cost = (n: number, runs: number): number => {
      const text = 'abcdefgh'.repeat(n / 8);
      let best = Infinity;
      for (let i = 0; i < runs; i++) {
        const before = process.cpuUsage();
        scrubSecrets(text, [KEY]);
        const used = process.cpuUsage(before);
        best = Math.min(best, used.user + used.system);
      }
      return best;
    };
    cost(1 << 17, 1); // warm up
    const ratio = cost(1 << 20, 3) / Math.max(cost(1 << 17, 7), 1000);
    assert.ok(ratio < 24, `8× the text took ${ratio.toFixed(1)}× the time`);
  });
});

describe('hostile input: proxy memory per model id', () => {
  it(`keeps at most ${MAX_MODELS} models (the most recently used); totals keep everything`, () => {
    const recorder = new TrafficRecorder(0);
    for (let i = 0; i < 5000; i++) {
      recorder.request(`model-${i}`);
      recorder.response(`model-${i}`, 200, 10);
      recorder.request('claude-haiku-4-5'); // used all along: never evicted
    }
    const stats = recorder.snapshot();
    const models = Object.keys(stats.byModel);
    assert.equal(models.length, MAX_MODELS);
    assert.ok(models.includes('claude-haiku-4-5'));
    assert.ok(models.includes('model-4999') && !models.includes('model-0'));
    assert.equal(stats.byModel['claude-haiku-4-5']?.requests, 5000);
    assert.equal(stats.total.requests, 10_000);
  });
});
