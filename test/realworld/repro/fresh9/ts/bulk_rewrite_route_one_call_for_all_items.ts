// realworld repro (negative): batchable-fanout, unbounded-fanout and nonstreaming-max-tokens -- a request-time
// route that puts every submitted entry (at most 20) into one prompt and sends a single create whose
// max_tokens grows with the entry count up to 8,000
// source: nashoiggy-stack/essay-grader-app src/app/api/resume-bulk-improve/route.ts:68
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function POST(req: Request): Promise<Response> {
  const { entries } = (await req.json()) as { entries?: { id: string; text: string }[] };
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > 20) {
    return Response.json({ error: 'Send between 1 and 20 entries.' }, { status: 400 });
  }
  const listing = entries.map((e) => `${e.id}: ${e.text}`).join('\n');
  const reply = await claude.messages.create({ // expect-not: batchable-fanout, unbounded-fanout, nonstreaming-max-tokens
    model: 'claude-sonnet-4-5',
    max_tokens: Math.min(8000, 1000 + entries.length * 300),
    system: 'Rewrite each entry more concisely. Answer with JSON only.',
    messages: [{ role: 'user', content: listing }],
  });
  const text = reply.content[0].type === 'text' ? reply.content[0].text : '';
  return Response.json(JSON.parse(text));
}
