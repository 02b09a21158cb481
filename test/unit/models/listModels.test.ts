import * as assert from 'node:assert/strict';
import { BUNDLED_MODELS, listModels } from '../../../src/core/models';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';

// headroom-ignore-next-line hardcoded-api-key
const KEY = 'sk-ant-api03-FAKE-NOT-A-REAL-KEY-LISTMODELS-' + '0'.repeat(70) + 'AA';

describe('listModels (Choose Model)', () => {
  let mock: MockAnthropic;
  before(async () => {
    mock = await startMockAnthropic({ apiKey: KEY });
  });
  after(() => mock.close());

  it('lists every model the key can use', async () => {
    const models = await listModels({ apiKey: KEY, baseURL: mock.url });
    assert.ok(models.length > 0);
    assert.deepEqual(models.map((m) => m.id).sort(), [
      'claude-haiku-4-5-20251001',
      'claude-opus-4-5-20251101',
      'claude-opus-4-6',
      'claude-sonnet-4-5-20250929',
      'claude-sonnet-4-6',
    ]);
    assert.equal(new Set(models.map((m) => m.id)).size, models.length, 'no duplicates');
    assert.ok(models.every((m) => typeof m.displayName === 'string'));
  });

  it('fails on a rejected key without putting the key in the error', async () => {
    const wrong = KEY.replace('LISTMODELS', 'WRONGKEYXX');
    await assert.rejects(listModels({ apiKey: wrong, baseURL: mock.url }), (err: Error) => {
      assert.ok(!err.message.includes(wrong), err.message);
      assert.match(err.message, /401|auth/i);
      return true;
    });
  });

  it('fails fast when the API cannot be reached, so the bundled list is shown', async () => {
    const closed = await startMockAnthropic({ apiKey: KEY });
    const url = closed.url;
    await closed.close();
    await assert.rejects(listModels({ apiKey: KEY, baseURL: url, timeoutMs: 2_000 }));
    assert.ok(BUNDLED_MODELS.some((m) => m.id === 'claude-haiku-4-5'));
  });
});
