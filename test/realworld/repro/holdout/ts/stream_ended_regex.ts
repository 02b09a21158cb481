// realworld repro (negative): string-matched-error -- a regex on the error message for an SDK
// "stream ended" text, not rate-limit wording
// source: KartikeShukla/swiggy-mcp-demo src/integrations/anthropic/stream-runner.ts:200
import Anthropic from '@anthropic-ai/sdk';

export async function runTurn(client: Anthropic, params: Anthropic.MessageStreamParams): Promise<string> {
  const stream = client.messages.stream(params);
  try {
    const message = await stream.finalMessage();
    return message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  } catch (err) {
    if (
      err instanceof Error &&
      /stream closed before a final assistant message/i.test(err.message) // expect-not: string-matched-error
    ) {
      return 'The answer was cut short; please ask again.';
    }
    throw err;
  }
}
