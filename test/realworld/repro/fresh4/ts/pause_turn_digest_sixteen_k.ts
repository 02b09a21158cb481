// realworld repro (negative): naive-retry and nonstreaming-max-tokens look-alikes -- a digest builder loops with
// while (true) only to continue after stop_reason pause_turn (server web search), on a non-streaming call
// with max_tokens 16000 (under 21,333)
// source: anchpop/CNNews src/anthropic.ts:56
// source: anchpop/CNNews src/anthropic.ts:57
import Anthropic from '@anthropic-ai/sdk';

export async function buildDigest(key: string, subjects: string[]): Promise<string> {
  const api = new Anthropic({ apiKey: key });
  let turns: Anthropic.Beta.BetaMessageParam[] = [{ role: 'user', content: 'Collect today\'s news and write the digest.' }];
  let text = '';
  while (true) { // expect-not: naive-retry
    const res = await api.beta.messages.create({ // expect-not: nonstreaming-max-tokens
      model: 'claude-sonnet-4-6',
      max_tokens: 16000,
      system: `You curate a short daily digest about: ${subjects.join(', ')}.`,
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 20 }],
      messages: turns,
    });
    text = res.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    if (res.stop_reason !== 'pause_turn') break;
    turns = [...turns, { role: 'assistant', content: res.content }, { role: 'user', content: 'Continue.' }];
  }
  return text;
}
