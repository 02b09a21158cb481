// realworld repro (positive): naive-retry -- retry by recursion with a counter argument: the catch
// sleeps a doubling delay and returns the function called again, whatever the error
// source: gosling084/claude-tex-server server/src/controllers/claude.ts:75
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const LIMITS = { tries: 3 };
const STYLE = 'Answer with LaTeX for every formula.';

export async function solve(question: string, model = 'claude-haiku-4-5', tries = 0): Promise<string> {
  try {
    const reply = await client.messages.create({
      model,
      max_tokens: 1024,
      system: STYLE,
      messages: [{ role: 'user', content: [{ type: 'text', text: question }] }],
    });
    const text = reply.content.find((b) => b.type === 'text');
    if (!text || text.type !== 'text') throw new Error('no text');
    return text.text;
  } catch (error) {
    if (tries < LIMITS.tries) {
      await new Promise((r) => setTimeout(r, 1000 * 2 ** tries));
      return solve(question, model, tries + 1); // expect: naive-retry
    }
    throw error;
  }
}
