// realworld repro (negative): unbounded-fanout, nonstreaming-max-tokens and naive-retry -- an upload route
// runs a local workbook parse and one vision create side by side with Promise.all over two fixed promises,
// then, when the workbook gave nothing, sends a different structuring request once (not a re-send after an
// error) with 8,192 tokens on a non-streaming call
// source: cambrewitt-ship-it/planpulse src/app/api/media-plan/parse-combined/route.ts:490
// source: cambrewitt-ship-it/planpulse src/app/api/media-plan/parse-combined/route.ts:518
// source: cambrewitt-ship-it/planpulse src/app/api/media-plan/parse-combined/route.ts:528
import Anthropic from '@anthropic-ai/sdk';
import { readRows } from './sheet';

export async function POST(req: Request): Promise<Response> {
  const form = await req.formData();
  const sheet = form.get('sheet') as File;
  const shot = form.get('shot') as File;
  const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const picture = Buffer.from(await shot.arrayBuffer()).toString('base64');

  const [rows, seen] = await Promise.all([ // expect-not: unbounded-fanout
    readRows(sheet).catch(() => []),
    claude.messages.create({
      model: 'claude-opus-4-1',
      max_tokens: 5000,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: picture } },
            { type: 'text', text: 'Describe every shaded cell of this schedule, row by row.' },
          ],
        },
      ],
    }),
  ]);
  const description = seen.content[0].type === 'text' ? seen.content[0].text : '';

  if (rows.length === 0) {
    const rebuilt = await claude.messages.create({ // expect-not: naive-retry, nonstreaming-max-tokens
      model: 'claude-opus-4-1',
      max_tokens: 8192,
      messages: [{ role: 'user', content: `Turn this description into JSON rows:\n${description}` }],
    });
    return Response.json({ rows: rebuilt.content[0].type === 'text' ? rebuilt.content[0].text : '' });
  }

  const merged = await claude.messages.create({ // expect-not: nonstreaming-max-tokens
    model: 'claude-opus-4-1',
    max_tokens: 8192,
    messages: [{ role: 'user', content: `Merge these rows ${JSON.stringify(rows)} with: ${description}` }],
  });
  return Response.json({ rows: merged.content[0].type === 'text' ? merged.content[0].text : '' });
}
