// realworld repro (negative): batchable-fanout -- an offline script already uses the Message Batches
// API: it builds one request per record (cached system block, max_tokens 600), submits them with
// messages.batches.create in slices, and a later poll command writes each result to the database
// source: attributedigital-ux/torontocharities scripts/generate-descriptions.ts:125
// source: attributedigital-ux/torontocharities scripts/generate-descriptions.ts:162
// source: attributedigital-ux/torontocharities scripts/generate-descriptions.ts:127
import Anthropic from '@anthropic-ai/sdk';
import { loadRecordsWithoutBlurb, saveBlurb } from './store';

const SYSTEM = 'You write short, factual directory blurbs for local museums. One paragraph, 60-120 words.';
const SLICE = 10000;

export async function enqueue(): Promise<string[]> {
  const client = new Anthropic();
  const records = await loadRecordsWithoutBlurb(20000);
  const requests = records.map((r) => ({
    custom_id: String(r.id),
    params: {
      model: 'claude-haiku-4-5',
      max_tokens: 600,
      system: [{ type: 'text' as const, text: SYSTEM, cache_control: { type: 'ephemeral' as const } }],
      messages: [{ role: 'user' as const, content: `Name: ${r.name}\nTown: ${r.town}\nWrite the blurb.` }],
    },
  }));
  const ids: string[] = [];
  for (let i = 0; i < requests.length; i += SLICE) { // expect-not: batchable-fanout
    const batch = await client.messages.batches.create({ requests: requests.slice(i, i + SLICE) }); // expect-not: uncached-prompt
    ids.push(batch.id);
  }
  return ids;
}

export async function collect(batchId: string): Promise<number> {
  const client = new Anthropic();
  let saved = 0;
  for await (const result of await client.messages.batches.results(batchId)) { // expect-not: batchable-fanout
    if (result.result.type !== 'succeeded') continue;
    const block = result.result.message.content[0];
    if (block.type === 'text') {
      await saveBlurb(Number(result.custom_id), block.text.trim());
      saved++;
    }
  }
  return saved;
}
