// realworld repro (positive + negative): batchable-fanout and naive-retry -- an offline backfill of
// one week: one Haiku call lists the week's items (asked again with less input when the reply stops at
// max_tokens), then every item is scored by its own Sonnet call and inserted into the database; the
// per-item loop logs failures and moves on (the source's per-week loop is left out: its list call is
// an ignore site)
// source: sgharlow/distraction scripts/backfill.ts:251
// source: sgharlow/distraction scripts/backfill.ts:218
// source: sgharlow/distraction scripts/backfill.ts:444
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const store = createClient(process.env.STORE_URL!, process.env.STORE_KEY!);
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY! });

async function listItems(headlines: string[]): Promise<Array<{ title: string }>> {
  const first = await claude.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 6000,
    messages: [{ role: 'user', content: `Group these headlines into distinct stories, JSON array:\n${headlines.slice(0, 80).join('\n')}` }],
  });
  if (first.stop_reason === 'max_tokens') {
    const shorter = await claude.messages.create({ // expect-not: naive-retry
      model: 'claude-haiku-4-5',
      max_tokens: 6000,
      messages: [{ role: 'user', content: `Group these headlines into stories, JSON array:\n${headlines.slice(0, 40).join('\n')}` }],
    });
    return JSON.parse(shorter.content[0].type === 'text' ? shorter.content[0].text : '[]');
  }
  return JSON.parse(first.content[0].type === 'text' ? first.content[0].text : '[]');
}

async function scoreItem(item: { title: string }): Promise<{ score: number }> {
  const reply = await claude.messages.create({ // expect: batchable-fanout
    model: 'claude-sonnet-4-5',
    max_tokens: 3000,
    system: 'Score the story from 0 to 100 for lasting impact. Reply with JSON {"score": n}.',
    messages: [{ role: 'user', content: item.title }],
  });
  return JSON.parse(reply.content[0].type === 'text' ? reply.content[0].text : '{}');
}

async function doWeek(week: string) {
  const { data } = await store.from('headlines').select('title').eq('week', week);
  const items = await listItems((data ?? []).map((r) => r.title));
  for (const item of items) { // expect-not: naive-retry
    try {
      const { score } = await scoreItem(item);
      await store.from('stories').insert({ week, title: item.title, score });
      await new Promise((r) => setTimeout(r, 1000));
    } catch (err) {
      console.error(`scoring failed for ${item.title}: ${err}`);
    }
  }
}

doWeek(process.argv[2] ?? '2025-01-05').catch((err) => { console.error(err); process.exit(1); });
