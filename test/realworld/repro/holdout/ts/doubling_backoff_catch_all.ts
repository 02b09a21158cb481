// realworld repro (positive): naive-retry -- a for-attempt loop, catch-all, 1000 * 2^attempt ms back-off without jitter
// source: EmpoweredVote/Civic-Trivia-Championships backend/src/scripts/generateLearningContent.ts:101
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();

export async function writeExplainer(topic: string, tries = 3): Promise<string> {
  for (let attempt = 0; attempt < tries; attempt++) { // expect: naive-retry
    try {
      const reply = await client.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 1024,
        messages: [{ role: 'user', content: `Explain ${topic} in three paragraphs.` }],
      });
      const block = reply.content[0];
      if (block.type !== 'text' || !block.text.includes('{')) throw new Error('no JSON');
      return block.text;
    } catch (error) {
      console.error(`attempt ${attempt + 1} failed`, error);
      if (attempt === tries - 1) throw error;
      const delay = 1000 * Math.pow(2, attempt);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  throw new Error('all attempts failed');
}
