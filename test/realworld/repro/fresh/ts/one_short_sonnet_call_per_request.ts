// realworld repro (negative): model-routing and unbounded-fanout -- a route handler makes one Sonnet call
// with max_tokens 200 per request (not once per data item); before it, a Promise.all enriches at most
// ten (sliced) rows from the database with no Claude call
// source: 0xbeam/orbit src/app/api/ai/brief/route.ts:105
// source: 0xbeam/orbit src/app/api/ai/brief/route.ts:45
import Anthropic from '@anthropic-ai/sdk';
import { db } from './db';

export async function GET(): Promise<Response> {
  const apiKey = process.env.ANTHROPIC_API_KEY;
  if (!apiKey) return Response.json({ brief: null });
  try {
    const open = (await db.threads.unanswered()).slice(0, 10);
    const named = await Promise.all( // expect-not: unbounded-fanout
      open.map(async (t: any) => ({ subject: t.subject, from: (await db.people.find(t.personId))?.name ?? 'someone' })),
    );
    const client = new Anthropic({ apiKey });
    const reply = await client.messages.create({ // expect-not: model-routing
      model: 'claude-sonnet-4-5',
      max_tokens: 200,
      messages: [
        {
          role: 'user',
          content: `In three sentences, tell me what to do first today. Unanswered: ${named
            .map((n) => `${n.from}: ${n.subject}`)
            .join('; ')}`,
        },
      ],
    });
    return Response.json({ brief: reply.content[0].type === 'text' ? reply.content[0].text : null });
  } catch (err) {
    console.error(err);
    return Response.json({ brief: null, error: 'could not write the brief' });
  }
}
