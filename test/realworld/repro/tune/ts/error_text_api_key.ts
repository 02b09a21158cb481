// realworld repro (negative): string-matched-error -- the error text tested for a missing API key, not for rate limits
// source: mckaywrigley/chatbot-ui app/api/chat/anthropic/route.ts:99
import Anthropic from '@anthropic-ai/sdk';

export async function POST(request: Request): Promise<Response> {
  const { turns } = (await request.json()) as { turns: Anthropic.MessageParam[] };
  try {
    const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
    const stream = await claude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 2048, messages: turns, stream: true });
    return new Response(stream.toReadableStream());
  } catch (error: unknown) {
    const text = error instanceof Error ? error.message : 'unknown';
    if (text.toLowerCase().includes('api key is missing')) { // expect-not: string-matched-error
      return new Response('Set your Anthropic key in the profile page.', { status: 401 });
    }
    return new Response(text, { status: 500 });
  }
}
