// realworld repro (positive + negative): batchable-fanout -- an offline script writes one card description per
// published resource: the create sits two local calls below the loop (describe -> askModel), the system block
// and tool are already cached, and a validation loop re-asks (outside any try) when the answer is too long;
// each description is saved with an update in the loop
// source: abdulmirr/startup-wisdom scripts/generate-descriptions.ts:115
// source: abdulmirr/startup-wisdom scripts/generate-descriptions.ts:164
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.DB_URL!, process.env.DB_SERVICE_KEY!);
const api = new Anthropic();
const LIMIT = 140;
const GUIDE = `Write one complete sentence under ${LIMIT} characters saying what the piece is about. Use the tool.`;
const TOOL = {
  name: 'card_blurb',
  description: 'Return the blurb.',
  input_schema: { type: 'object' as const, properties: { blurb: { type: 'string' } }, required: ['blurb'] },
};

type Turn = { role: 'user' | 'assistant'; content: string };

async function askModel(turns: Turn[]): Promise<string> {
  const res = await api.messages.create({ // expect: batchable-fanout
    model: 'claude-haiku-4-5',
    max_tokens: 400,
    system: [{ type: 'text', text: GUIDE, cache_control: { type: 'ephemeral' } }],
    tools: [{ ...TOOL, cache_control: { type: 'ephemeral' } }],
    tool_choice: { type: 'tool', name: TOOL.name },
    messages: turns,
  });
  const use = res.content.find((b) => b.type === 'tool_use');
  return use && use.type === 'tool_use' ? String((use.input as { blurb?: string }).blurb ?? '') : '';
}

async function describe(title: string, body: string): Promise<string> {
  const turns: Turn[] = [{ role: 'user', content: `${title}\n\n${body.slice(0, 12000)}` }];
  for (let round = 0; round < 3; round++) { // expect-not: naive-retry
    const blurb = (await askModel(turns)).trim();
    if (blurb && blurb.length <= LIMIT) return blurb;
    turns.push({ role: 'assistant', content: blurb }, { role: 'user', content: 'Too long. Shorter, one sentence.' });
  }
  throw new Error('no short blurb after three rounds');
}

async function main() {
  const { data } = await db.from('pieces').select('id, title, body').eq('state', 'published');
  for (const row of data ?? []) {
    try {
      const blurb = await describe(row.title, row.body ?? '');
      await db.from('pieces').update({ blurb }).eq('id', row.id);
    } catch (err) {
      console.error(`${row.title}: ${String(err)}`);
    }
  }
}

main().catch(console.error);
