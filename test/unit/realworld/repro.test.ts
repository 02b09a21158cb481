import * as assert from 'node:assert/strict';
import { markersOf } from './repro';

describe('real-world reproductions: inline markers', () => {
  it('reads expect and expect-not lists, alone or both on one line', () => {
    assert.deepEqual(markersOf('    client.messages.create(  # expect: batchable-fanout, uncached-prompt'), [
      { rule: 'batchable-fanout', positive: true },
      { rule: 'uncached-prompt', positive: true },
    ]);
    assert.deepEqual(markersOf('  await sleep(400); // expect-not: naive-retry'), [
      { rule: 'naive-retry', positive: false },
    ]);
    assert.deepEqual(
      markersOf('reply = api.messages.create(  # expect: batchable-fanout; expect-not: model-routing'),
      [
        { rule: 'batchable-fanout', positive: true },
        { rule: 'model-routing', positive: false },
      ],
    );
  });

  it('reads no marker from prose, a marker not at the end of the line, or a malformed list', () => {
    assert.deepEqual(markersOf('# we expect: nothing here, it is prose'), []);
    assert.deepEqual(markersOf('x = 1  # expect: naive-retry and more words'), []);
    assert.deepEqual(markersOf('x = 1  # expect: naive-retry;'), []);
    assert.deepEqual(markersOf('const expect = 1;'), []);
  });
});
