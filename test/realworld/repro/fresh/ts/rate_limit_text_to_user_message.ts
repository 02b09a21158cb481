// realworld repro (positive + negative): string-matched-error and retries-disabled -- the catch around
// a create maps the error to a user-facing message by testing its text: "rate limit" is a rate-limit
// test, "API key" and "quota" are not; the client lowers the SDK's retries to one (not zero) to fit a
// serverless time limit
// source: AlenLAB/contentos-mvp src/lib/claude.ts:298
// source: AlenLAB/contentos-mvp src/lib/claude.ts:295
// source: AlenLAB/contentos-mvp src/lib/claude.ts:301
// source: AlenLAB/contentos-mvp src/lib/claude.ts:53
import Anthropic from '@anthropic-ai/sdk';

function makeClient() {
  const apiKey = process.env.CLAUDE_KEY;
  if (!apiKey) throw new Error('CLAUDE_KEY is not set');
  return new Anthropic({
    apiKey,
    maxRetries: 1, // expect-not: retries-disabled
    timeout: 8000,
  });
}

export async function draftPosts(topic: string, count: number): Promise<string[]> {
  const anthropic = makeClient();
  try {
    const reply = await anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 6000,
      messages: [{ role: 'user', content: `Write ${count} short LinkedIn posts about ${topic}. Return a JSON array of strings.` }],
    });
    const text = reply.content[0].type === 'text' ? reply.content[0].text : '[]';
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof Error) {
      if (error.message.includes('API key')) { // expect-not: string-matched-error
        throw new Error('The Claude key is missing or wrong');
      }
      if (error.message.includes('rate limit')) { // expect: string-matched-error
        throw new Error('Too many requests right now, try again in a few minutes');
      }
      if (error.message.includes('quota')) { // expect-not: string-matched-error
        throw new Error('The Claude account is out of quota');
      }
      throw error;
    }
    throw new Error('Unknown error while drafting posts');
  }
}
