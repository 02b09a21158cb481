// realworld repro (negative): unbounded-fanout, batchable-fanout and model-routing -- a request-time route
// loads at most 25 unscored contacts and scores them with Haiku in waves of five (Promise.allSettled over a
// slice, a short pause between waves), writing each score back; the client calls again while more remain
// source: saras-oss/circl-app src/app/api/pipeline/score/route.ts:505
// source: saras-oss/circl-app src/app/api/pipeline/score/route.ts:383
import { NextResponse } from 'next/server';
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.DB_URL!, process.env.DB_SERVICE_KEY!);
const PER_REQUEST = 25;
const WAVE = 5;

export async function POST(): Promise<Response> {
  const { data: contacts } = await db.from('contacts').select('id, title, company').is('score', null).limit(PER_REQUEST);
  if (!contacts?.length) return NextResponse.json({ scored: 0, hasMore: false });
  const claude = new Anthropic();

  async function scoreContact(c: { id: string; title: string; company: string }): Promise<boolean> {
    const reply = await claude.messages.create({ // expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 400,
      system: 'Rate how good a sales prospect this contact is from 1 to 10. Answer as JSON {"score": n, "why": "..."}.',
      messages: [{ role: 'user', content: `${c.title} at ${c.company}` }],
    });
    const text = reply.content[0].type === 'text' ? reply.content[0].text : '';
    const parsed = JSON.parse(text) as { score: number; why: string };
    await db.from('contacts').update({ score: parsed.score, score_reason: parsed.why }).eq('id', c.id);
    return true;
  }

  let scored = 0;
  for (let i = 0; i < contacts.length; i += WAVE) {
    const wave = contacts.slice(i, i + WAVE);
    const results = await Promise.allSettled(wave.map((c) => scoreContact(c))); // expect-not: unbounded-fanout
    scored += results.filter((r) => r.status === 'fulfilled' && r.value).length;
    if (i + WAVE < contacts.length) await new Promise((r) => setTimeout(r, 200));
  }
  const { count } = await db.from('contacts').select('id', { count: 'exact', head: true }).is('score', null);
  return NextResponse.json({ scored, hasMore: (count ?? 0) > 0 });
}
