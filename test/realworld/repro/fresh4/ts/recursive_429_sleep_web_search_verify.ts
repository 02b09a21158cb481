// realworld repro (positive + negative): naive-retry and batchable-fanout -- an offline checker asks Claude (with
// the web search tool) about every listed venue, three at a time; on status 429 the helper sleeps a fixed
// 10 s and calls itself again with no limit and no retry-after; verdicts go to a CSV and the database
// source: Cleareds/plantspack scripts/websearch-verify.ts:84
// source: Cleareds/plantspack scripts/websearch-verify.ts:71
// source: Cleareds/plantspack scripts/websearch-verify.ts:159
import { appendFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.DB_URL!, process.env.DB_SERVICE_KEY!);
const api = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function check(venue: { name: string; town: string }): Promise<string> {
  try {
    const res = await api.messages.create( // expect: batchable-fanout
      {
        model: 'claude-haiku-4-5',
        max_tokens: 300,
        tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 } as never],
        messages: [{ role: 'user', content: `Is ${venue.name} in ${venue.town} still open? Answer OPEN or CLOSED.` }],
      },
      { timeout: 60000 },
    );
    return res.content.some((b) => b.type === 'text' && b.text.includes('CLOSED')) ? 'closed' : 'open';
  } catch (e: any) {
    if (e?.status === 429) { await wait(10000); return check(venue); } // expect: naive-retry
    return 'unknown';
  }
}

async function main() {
  const { data } = await db.from('venues').select('id, name, town').is('checked_at', null);
  const rows = data ?? [];
  for (let i = 0; i < rows.length; i += 3) {
    const group = rows.slice(i, i + 3);
    const verdicts = await Promise.all(group.map((v) => check(v))); // expect-not: unbounded-fanout
    for (let j = 0; j < group.length; j++) {
      appendFileSync('/tmp/venue-check.csv', `${group[j].id},${verdicts[j]}\n`);
      await db.from('venues').update({ status: verdicts[j], checked_at: new Date().toISOString() }).eq('id', group[j].id);
    }
    await wait(500);
  }
}

main().catch(console.error);
