/**
 * The local server's Message Batches endpoints and prompt caching, through the real
 * `@anthropic-ai/sdk`.
 */
import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { type BatchResultType, startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';

const KEY = 'FAKE-NOT-A-REAL-KEY-batches';
const MODEL = 'claude-sonnet-4-6';

type Request = Anthropic.Messages.BatchCreateParams.Request;

const request = (i: number, maxTokens = 16): Request => ({
  custom_id: `req-${i}`,
  params: { model: MODEL, max_tokens: maxTokens, messages: [{ role: 'user', content: `item ${i}` }] },
});

describe('mock-anthropic: Message Batches (real SDK)', () => {
  let server: MockAnthropic;
  let client: Anthropic;
  let now = Date.UTC(2026, 0, 1);

  before(async () => {
    server = await startMockAnthropic({ apiKey: KEY, replyTokens: 8, now: () => now });
    client = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    server.batches.clear();
    server.batches.setOptions({});
  });

  async function resultsOf(id: string): Promise<Anthropic.Messages.MessageBatchIndividualResponse[]> {
    const out: Anthropic.Messages.MessageBatchIndividualResponse[] = [];
    for await (const entry of await client.messages.batches.results(id)) {
      out.push(entry);
    }
    return out;
  }

  it('create → in_progress; retrieves end it; results are JSONL with one result per custom_id, not in request order', async () => {
    server.batches.setOptions({ pollsUntilEnded: 2 });
    const batch = await client.messages.batches.create({ requests: [0, 1, 2].map((i) => request(i)) });
    assert.match(batch.id, /^msgbatch_/);
    assert.equal(batch.type, 'message_batch');
    assert.equal(batch.processing_status, 'in_progress');
    assert.deepEqual(batch.request_counts, {
      processing: 3,
      succeeded: 0,
      errored: 0,
      canceled: 0,
      expired: 0,
    });
    assert.equal(batch.results_url, null);
    assert.equal(batch.expires_at, new Date(now + 24 * 3600_000).toISOString());
    await assert.rejects(client.messages.batches.results(batch.id), /results_url|finished/);

    const done = await client.messages.batches.retrieve(batch.id);
    assert.equal(done.processing_status, 'ended');
    assert.equal(done.request_counts.succeeded, 3);
    assert.equal(done.results_url, `${server.url}/v1/messages/batches/${batch.id}/results`);
    const results = await resultsOf(batch.id);
    assert.deepEqual(
      results.map((r) => r.custom_id),
      ['req-2', 'req-1', 'req-0'],
    );
    for (const r of results) {
      assert.equal(r.result.type, 'succeeded');
      assert.equal(r.result.type === 'succeeded' && r.result.message.usage.output_tokens, 8);
    }
    // Batches have their own limits: the Messages buckets were not touched.
    assert.equal(server.stats().byEndpoint['POST /v1/messages'], undefined);
    assert.equal(server.stats().byEndpoint['GET /v1/messages/batches/{id}'], 3); // results() retrieves first
  });

  it('reports errored (invalid params or forced), canceled and expired results with the documented shapes', async () => {
    const forced: Record<string, BatchResultType> = { 'req-1': 'errored', 'req-2': 'expired' };
    server.batches.setOptions({ outcome: (id) => forced[id], pollsUntilEnded: 2 });
    const bad: Request = {
      custom_id: 'req-3',
      params: { model: MODEL, messages: [] } as unknown as Request['params'],
    };
    const batch = await client.messages.batches.create({
      requests: [request(0), request(1), request(2), bad],
    });
    assert.equal((await client.messages.batches.retrieve(batch.id)).processing_status, 'in_progress');
    const done = await client.messages.batches.retrieve(batch.id);
    assert.deepEqual(done.request_counts, {
      processing: 0,
      succeeded: 1,
      errored: 2,
      canceled: 0,
      expired: 1,
    });
    const byId = new Map((await resultsOf(batch.id)).map((r) => [r.custom_id, r.result]));
    assert.equal(byId.get('req-0')?.type, 'succeeded');
    const errored = byId.get('req-1');
    assert.equal(errored?.type === 'errored' && errored.error.error.type, 'api_error');
    const invalid = byId.get('req-3');
    assert.equal(invalid?.type === 'errored' && invalid.error.error.type, 'invalid_request_error');
    assert.deepEqual(byId.get('req-2'), { type: 'expired' });
  });

  it('cancel → canceling → ended with every request canceled; requests unprocessed after 24 h expire', async () => {
    const batch = await client.messages.batches.create({ requests: [request(0), request(1)] });
    const canceling = await client.messages.batches.cancel(batch.id);
    assert.equal(canceling.processing_status, 'canceling');
    assert.ok(canceling.cancel_initiated_at);
    const ended = await client.messages.batches.retrieve(batch.id);
    assert.deepEqual(ended.request_counts, {
      processing: 0,
      succeeded: 0,
      errored: 0,
      canceled: 2,
      expired: 0,
    });

    server.batches.setOptions({ pollsUntilEnded: 1000 });
    const slow = await client.messages.batches.create({ requests: [request(0)] });
    assert.equal((await client.messages.batches.retrieve(slow.id)).processing_status, 'in_progress');
    now += 24 * 3600_000;
    const expired = await client.messages.batches.retrieve(slow.id);
    assert.equal(expired.processing_status, 'ended');
    assert.equal(expired.request_counts.expired, 1);
  });

  it('lists batches newest first with pagination, deletes ended ones, refuses bad requests', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await client.messages.batches.create({ requests: [request(i)] })).id);
    }
    const page = await client.messages.batches.list({ limit: 2 });
    assert.deepEqual(
      page.data.map((b) => b.id),
      [ids[2], ids[1]],
    );
    assert.equal(page.has_more, true);
    const all: string[] = [];
    for await (const b of client.messages.batches.list({ limit: 2 })) {
      all.push(b.id);
    }
    assert.deepEqual(all, [...ids].reverse());
    await assert.rejects(client.messages.batches.delete(ids[0]), /processing/);
    await client.messages.batches.retrieve(ids[0]);
    assert.equal((await client.messages.batches.delete(ids[0])).type, 'message_batch_deleted');
    await assert.rejects(client.messages.batches.retrieve(ids[0]), Anthropic.NotFoundError);
    await assert.rejects(
      client.messages.batches.create({ requests: [request(0), request(0)] }),
      (e: unknown) => e instanceof Anthropic.BadRequestError && /duplicate custom_id/.test(e.message),
    );
    await assert.rejects(client.messages.batches.create({ requests: [] }), Anthropic.BadRequestError);
  });
});

describe('mock-anthropic: prompt caching and cache-aware ITPM (real SDK)', () => {
  let server: MockAnthropic;
  let client: Anthropic;
  let now = Date.UTC(2026, 0, 1);
  /** ~5,000 tokens at 4 characters per token. */
  const PREFIX = 'Policy sentence for the cache test. '.repeat(556);

  before(async () => {
    // A clock that stands still: no refill between calls, so the bucket shows every charge.
    server = await startMockAnthropic({ apiKey: KEY, now: () => now, limits: { itpm: 100_000 } });
    client = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  const ask = (cached: boolean, q: string) =>
    client.messages
      .create({
        model: MODEL,
        max_tokens: 8,
        system: cached ? [{ type: 'text', text: PREFIX, cache_control: { type: 'ephemeral' } }] : PREFIX,
        messages: [{ role: 'user', content: q }],
      })
      .withResponse();

  it('writes the prefix on the first call, reads it after; ITPM is charged for the uncached part only', async () => {
    const remaining: number[] = [];
    const usages: Anthropic.Usage[] = [];
    for (let i = 0; i < 10; i++) {
      const { data, response } = await ask(true, `question ${i}`);
      usages.push(data.usage);
      remaining.push(Number(response.headers.get('anthropic-ratelimit-input-tokens-remaining')));
    }
    const prefixTokens = Math.ceil(PREFIX.length / 4);
    assert.equal(usages[0].cache_creation_input_tokens, prefixTokens);
    assert.equal(usages[0].cache_read_input_tokens, 0);
    for (const u of usages.slice(1)) {
      assert.equal(u.cache_read_input_tokens, prefixTokens);
      assert.equal(u.cache_creation_input_tokens, 0);
      assert.ok(u.input_tokens > 0 && u.input_tokens < 10, `uncached part: ${u.input_tokens}`);
    }
    // 100,000 − one write of ~5,000 − nine small uncached parts: still ~95,000 after ten calls.
    assert.equal(remaining[9], 95_000);
  });

  it('the same ten calls without cache_control spend the bucket and draw a 429', async () => {
    let refused = 0;
    for (let i = 0; i < 25; i++) {
      try {
        await ask(false, `question ${i}`);
      } catch (e) {
        assert.ok(e instanceof Anthropic.RateLimitError);
        refused++;
      }
    }
    assert.ok(refused >= 5, `refused ${refused}`);
  });

  it('does not cache a prefix below the minimum cacheable length, and expires entries after 5 minutes', async () => {
    const short = 'Short prefix. '.repeat(50);
    for (let i = 0; i < 2; i++) {
      const r = await client.messages.create({
        model: MODEL,
        max_tokens: 8,
        system: [{ type: 'text', text: short, cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'q' }],
      });
      assert.equal(r.usage.cache_read_input_tokens, 0);
      assert.equal(r.usage.cache_creation_input_tokens, 0);
    }
    const first = (await ask(true, 'a')).data.usage;
    now += 4 * 60_000;
    const read = (await ask(true, 'b')).data.usage; // a read refreshes the 5 minutes
    now += 4 * 60_000;
    const again = (await ask(true, 'c')).data.usage;
    now += 6 * 60_000;
    const expired = (await ask(true, 'd')).data.usage;
    assert.ok(first.cache_creation_input_tokens && first.cache_creation_input_tokens > 4000);
    assert.equal(read.cache_read_input_tokens, first.cache_creation_input_tokens);
    assert.equal(again.cache_read_input_tokens, first.cache_creation_input_tokens);
    assert.equal(expired.cache_read_input_tokens, 0);
    assert.equal(expired.cache_creation_input_tokens, first.cache_creation_input_tokens);
  });
});
