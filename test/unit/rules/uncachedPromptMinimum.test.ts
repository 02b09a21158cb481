/**
 * `uncached-prompt` near the model's minimum cacheable prefix: the estimate (4 characters per
 * token) is not a count, so a prefix estimated just above the minimum says to count it first;
 * one estimated below the minimum draws no finding.
 */
import * as assert from 'node:assert/strict';
import { findings, lines } from '../fix/helpers';

/** A loop sending a constant system prompt of `chars` characters to Sonnet 4.5 (minimum 1,024 tokens). */
function source(chars: number): string {
  const prompt = 'Rule: quote ids exactly. '.repeat(Math.ceil(chars / 25)).slice(0, chars);
  return lines(
    "import Anthropic from '@anthropic-ai/sdk';",
    'const client = new Anthropic();',
    `const POLICY = '${prompt}';`,
    'export async function triage(tickets: string[]) {',
    '  for (const ticket of tickets) {',
    '    await client.messages.create({',
    "      model: 'claude-sonnet-4-5',",
    '      max_tokens: 512,',
    '      system: POLICY,',
    "      messages: [{ role: 'user', content: ticket }],",
    '    });',
    '  }',
    '}',
  );
}

describe('uncached-prompt: a prefix near the minimum cacheable length', () => {
  it('says to count a prefix estimated within 25% above the minimum, and not one well above it', async () => {
    const near = await findings(source(4_300), 'typescript', 'uncached-prompt');
    assert.equal(near.length, 1);
    assert.match(near[0].message, /~1,075-token system prompt/);
    assert.match(near[0].message, /close to this estimate: count the prefix with count_tokens first/);

    const far = await findings(source(12_000), 'typescript', 'uncached-prompt');
    assert.equal(far.length, 1);
    assert.doesNotMatch(far[0].message, /count_tokens/);
    assert.match(far[0].message, /minimum cacheable prefix is 1,024 tokens\.$/);
  });

  it('draws no finding for a prefix estimated below the minimum', async () => {
    assert.deepEqual(await findings(source(4_000), 'typescript', 'uncached-prompt'), []);
  });
});
