// realworld repro (positive + negative): string-matched-error -- a screening route sends one create per request
// and, in its catch, answers 429 when the error text mentions 'rate' or '429'; a second test looks for
// 'api_key' / 'auth' (not a rate limit)
// source: johntang99/Baam-Local-Life apps/web/src/app/api/immigration/visa-screener/route.ts:341
// source: johntang99/Baam-Local-Life apps/web/src/app/api/immigration/visa-screener/route.ts:344
import Anthropic from '@anthropic-ai/sdk';
import { NextResponse } from 'next/server';

export async function POST(req: Request) {
  try {
    const answers = await req.json();
    const api = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
    const res = await api.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 3000,
      system: 'Suggest which permit categories may fit. Reply in JSON.',
      messages: [{ role: 'user', content: JSON.stringify(answers) }],
    });
    const text = res.content[0].type === 'text' ? res.content[0].text : '{}';
    return NextResponse.json(JSON.parse(text));
  } catch (err) {
    const message = err instanceof Error ? err.message : 'unknown';
    if (message.includes('rate') || message.includes('429')) { // expect: string-matched-error
      return NextResponse.json({ error: 'Busy, try again soon' }, { status: 429 });
    }
    if (message.includes('api_key') || message.includes('auth')) { // expect-not: string-matched-error
      return NextResponse.json({ error: 'Service misconfigured' }, { status: 500 });
    }
    return NextResponse.json({ error: message.slice(0, 80) }, { status: 500 });
  }
}
