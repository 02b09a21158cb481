// realworld repro (negative): unbounded-fanout -- Promise.all of exactly four literal calls to a local
// function that calls messages.create, one per analysis kind; a fixed handful, not one per input item
// source: Karl-Michaud/anthropic-hackathon app/app/lib/request.ts:820
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

type Kind = 'tone' | 'themes' | 'values' | 'weights';

async function analyse(kind: Kind, title: string, brief: string): Promise<unknown> {
  const reply = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    messages: [{ role: 'user', content: `Analyse the ${kind} of "${title}": ${brief}. Reply in JSON.` }],
  });
  const block = reply.content[0];
  return JSON.parse(block.type === 'text' ? block.text : '{}');
}

export async function analyseAll(title: string, brief: string) {
  const [tone, themes, values, weights] = await Promise.all([ // expect-not: unbounded-fanout
    analyse('tone', title, brief),
    analyse('themes', title, brief),
    analyse('values', title, brief),
    analyse('weights', title, brief),
  ]);
  return { tone, themes, values, weights };
}
