// realworld repro (negative): nonstreaming-max-tokens + naive-retry -- a generation script asks for
// max_tokens 16000 (under 21,333) non-streaming, region after region; the loop's catch logs and goes on
// source: AbhigyaGoel/claude-hack-project src/exercises/generate.ts:162
// source: AbhigyaGoel/claude-hack-project src/exercises/generate.ts:215
import Anthropic from '@anthropic-ai/sdk';

const AREAS = ['wrist', 'elbow'] as const;

async function drillsFor(client: Anthropic, area: string) {
  const res = await client.messages.create({ // expect-not: nonstreaming-max-tokens
    model: 'claude-opus-4-7',
    max_tokens: 16000,
    thinking: { type: 'adaptive' },
    messages: [{ role: 'user', content: `List rehab drills for the ${area} as JSON.` }],
  });
  const block = res.content.find((b) => b.type === 'text');
  return block && block.type === 'text' ? JSON.parse(block.text) : [];
}

export async function main() {
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const drills: unknown[] = [];
  for (const area of AREAS) { // expect-not: naive-retry
    try {
      drills.push(...(await drillsFor(client, area)));
    } catch (error) {
      console.error(`skipping ${area}`, error);
    }
  }
  console.log(drills.length);
}
