// realworld repro (negative): unbounded-fanout and batchable-fanout -- a Next.js route builds one
// daily digest from four fixed sections generated in parallel with Promise.all over four literal
// calls, stores the digest and returns it; a failure answers 500, nothing is resent
// source: AdamTheCreator/signal src/app/api/brief/generate/route.ts:51
// source: AdamTheCreator/signal src/app/api/brief/generate/route.ts:12
import Anthropic from '@anthropic-ai/sdk';
import { NextResponse } from 'next/server';
import { saveDigest } from '@/lib/digests';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const SYSTEM = 'You write one section of a morning digest for a product team. Reply with JSON only.';

async function section(ask: string, limit: number): Promise<unknown> {
  const res = await claude.messages.create({ // expect-not: batchable-fanout
    model: 'claude-sonnet-4-6',
    max_tokens: limit,
    system: SYSTEM,
    messages: [{ role: 'user', content: ask }],
  });
  const first = res.content[0];
  return JSON.parse(first.type === 'text' ? first.text : '{}');
}

export async function POST() {
  try {
    const [news, metrics, idea, question] = await Promise.all([ // expect-not: unbounded-fanout
      section('Three short news items about our market.', 2500),
      section('Explain one metric worth watching this week.', 2500),
      section('One product idea with a paragraph of reasoning.', 2500),
      section('One question to ask in the next customer call.', 2500),
    ]);
    const digest = await saveDigest({ news, metrics, idea, question });
    return NextResponse.json({ digest });
  } catch (err) {
    console.error('digest failed', err);
    return NextResponse.json({ error: 'failed' }, { status: 500 });
  }
}
