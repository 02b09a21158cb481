// realworld repro (negative): nonstreaming-max-tokens -- a text-polishing route sends the same
// request streamed or, for older clients, as a plain create; both ask for max_tokens 16384, under
// the size at which a non-streaming call needs streaming
// source: hexbold/gutachtomat src/app/api/improve-text/route.ts:157
// source: hexbold/gutachtomat src/app/api/improve-text/route.ts:116
import Anthropic from '@anthropic-ai/sdk';

const STYLE = 'Polish the wording of the report below. Keep headings, lists and bold text. Return only the text.';
const MODELS: Record<string, string> = { fast: 'claude-haiku-4-5', careful: 'claude-sonnet-4-5' };

export async function POST(req: Request): Promise<Response> {
  const { text, tier = 'fast' } = (await req.json()) as { text: string; tier?: string };
  const model = MODELS[tier];
  if (!model || !text) return new Response('bad request', { status: 400 });
  const client = new Anthropic();

  if (new URL(req.url).searchParams.get('stream') === 'true') {
    const encoder = new TextEncoder();
    const body = new ReadableStream({
      async start(controller) {
        const stream = client.messages.stream({ // expect-not: nonstreaming-max-tokens
          model,
          max_tokens: 16384,
          system: STYLE,
          messages: [{ role: 'user', content: text }],
        });
        for await (const event of stream) {
          if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
            controller.enqueue(encoder.encode(`data: ${JSON.stringify({ text: event.delta.text })}\n\n`));
          }
        }
        controller.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }

  const message = await client.messages.create({ // expect-not: nonstreaming-max-tokens
    model,
    max_tokens: 16384,
    system: STYLE,
    messages: [{ role: 'user', content: text }],
  });
  const first = message.content[0];
  return Response.json({ text: first.type === 'text' ? first.text : '' });
}
