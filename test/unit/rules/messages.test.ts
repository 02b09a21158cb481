/**
 * Every diagnostic message starts with one sentence of at most 100 characters that says what
 * is wrong and what to do (the Problems panel cuts the rest off); the details follow. Checked
 * on every finding the fixture corpus produces, per rule of the registry.
 */
import * as assert from 'node:assert/strict';
import { RULES } from '../../../src/core/rules';
import { fixtureFiles, lintFixture } from '../lint/helpers';
import { firstSentence } from './sentences';

/** The longest first sentence the Problems panel shows whole. */
const MAX_FIRST_SENTENCE = 100;

describe('diagnostic messages', () => {
  it('finds the first sentence', () => {
    assert.equal(firstSentence('Bad: fix it. Details follow.'), 'Bad: fix it.');
    assert.equal(
      firstSentence('client.messages.create has no max_tokens: add it. More.'),
      'client.messages.create has no max_tokens: add it.',
    );
    assert.equal(firstSentence('No end'), 'No end');
  });

  for (const rule of RULES) {
    it(`${rule.id}: each message starts with one sentence of at most ${MAX_FIRST_SENTENCE} characters`, async () => {
      const messages = new Set<string>();
      for (const rel of fixtureFiles()) {
        for (const f of (await lintFixture(rel)).actual) {
          if (f.rule === rule.id) {
            messages.add(f.message);
          }
        }
      }
      assert.ok(messages.size > 0, `${rule.id}: the corpus produces no finding to check`);
      for (const message of messages) {
        const first = firstSentence(message);
        assert.ok(
          first.length <= MAX_FIRST_SENTENCE,
          `${rule.id}: first sentence is ${first.length} characters:\n  ${first}`,
        );
        assert.ok(
          first.length < message.length,
          `${rule.id}: details should follow the first sentence:\n  ${message}`,
        );
        // A capital, or code that names what was seen (`asyncio.gather …`, `max_tokens …`).
        assert.match(first, /^(?:[A-Z`]|[a-z]\w*[._]\w)/, `${rule.id}: starts a sentence:\n  ${first}`);
        assert.match(
          first,
          /: |, so |; |\b(?:add|remove|drop|revoke|use|set|read|cap|stream|check|wait|send|consider)\b/i,
          `${rule.id}: names the action:\n  ${first}`,
        );
      }
    });
  }
});
