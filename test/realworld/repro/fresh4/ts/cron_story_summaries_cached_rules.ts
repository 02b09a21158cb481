// realworld repro (positive + negative): batchable-fanout -- a cron route summarises each of up to 20 stories
// without a summary with one create (cached instruction block first) and stores the result in the loop; the
// per-story loop's catch only records the failure
// source: lukedmcmillan/tideline-next app/api/cron/summarise-pending/route.ts:220
// source: lukedmcmillan/tideline-next app/api/cron/summarise-pending/route.ts:288
import Anthropic from '@anthropic-ai/sdk';
import { NextResponse } from 'next/server';
import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.DB_URL!, process.env.DB_SERVICE_KEY!);
const api = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

const EDITOR_RULES = `You are a careful briefing editor. Use only facts from the article. Reply as JSON:
{"short": "two sentences", "long": "at most 120 words"}`;

async function condense(story: { title: string; body: string }): Promise<{ short: string; long: string }> {
  const res = await api.messages.create({ // expect: batchable-fanout
    model: 'claude-sonnet-4-6',
    max_tokens: 1200,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: EDITOR_RULES, cache_control: { type: 'ephemeral' } },
          { type: 'text', text: `Title: ${story.title}\n\n${story.body}` },
        ],
      },
    ],
  });
  const text = res.content[0].type === 'text' ? res.content[0].text : '{}';
  return JSON.parse(text);
}

export async function GET(req: Request) {
  if (req.headers.get('authorization') !== `Bearer ${process.env.CRON_SECRET}`) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const { data } = await db.from('stories').select('id, title, body').is('short', null).limit(20);
  const problems: string[] = [];
  for (const story of data ?? []) { // expect-not: naive-retry
    try {
      const { short, long } = await condense(story);
      await db.from('stories').update({ short, long }).eq('id', story.id);
    } catch (err) {
      problems.push(`${story.id}: ${String(err)}`);
    }
  }
  return NextResponse.json({ done: (data ?? []).length - problems.length, problems });
}
