// realworld repro (negative): retries-disabled, naive-retry, string-matched-error -- a newsletter helper builds its
// client with maxRetries: 3, runs up to four rounds of a beta create with server web search (continuing only after
// pause_turn, plus one reminder turn) with no try around the call, and describes API errors by SDK class
// source: fernandovelazco170785-dotcom/tienda-novedades scripts/lib/claude.mjs:141
// source: fernandovelazco170785-dotcom/tienda-novedades scripts/lib/claude.mjs:185
// source: fernandovelazco170785-dotcom/tienda-novedades scripts/lib/claude.mjs:254
import Anthropic from '@anthropic-ai/sdk';

const HAND_IN = {
  name: 'hand_in',
  description: 'Return the picks once, at the end.',
  input_schema: { type: 'object', properties: { picks: { type: 'array', items: { type: 'string' } } }, required: ['picks'] },
};

const BRIEF = 'You pick new board games for a small shop newsletter. Confirm each with a web search, then call hand_in once.';

export function makeClient(settings) {
  return new Anthropic({ apiKey: settings.apiKey, maxRetries: 3 }); // expect-not: retries-disabled, hardcoded-api-key
}

export async function askForPicks({ client, settings, genre }) {
  const tools = [HAND_IN, { type: 'web_search_20260209', name: 'web_search', max_uses: settings.searches }];
  const messages = [{ role: 'user', content: `Genre: ${genre}. Suggest up to three titles.` }];
  let nudged = false;
  for (let round = 0; round < 4; round++) { // expect-not: naive-retry
    const reply = await client.beta.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout
      model: settings.model,
      max_tokens: settings.maxTokens,
      system: BRIEF,
      tools,
      messages,
    });
    const handIn = reply.content.find((b) => b.type === 'tool_use' && b.name === HAND_IN.name);
    if (handIn) return handIn.input.picks ?? [];
    if (reply.stop_reason === 'max_tokens') return [];
    messages.push({ role: 'assistant', content: reply.content });
    if (reply.stop_reason === 'pause_turn') continue;
    if (nudged) break;
    nudged = true;
    messages.push({ role: 'user', content: 'Call hand_in now, with an empty list if nothing fits.' });
  }
  return [];
}

export function explain(error) {
  if (error instanceof Anthropic.RateLimitError) return 'API usage limit reached (429); try again later.'; // expect-not: string-matched-error
  if (error instanceof Anthropic.APIError) return `API error ${error.status ?? '?'}`;
  return error instanceof Error ? error.message : String(error);
}
