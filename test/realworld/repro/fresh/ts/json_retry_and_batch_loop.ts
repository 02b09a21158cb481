// realworld repro (negative): naive-retry and unbounded-fanout -- three attempts only when the reply is
// not valid JSON (the create sits outside the try, so API errors propagate); a loop over batches of
// five whose catch logs and moves on; a Promise.all over one batch's database updates
// source: mmeikson/aivisibility lib/recommendations.ts:84
// source: mmeikson/aivisibility lib/parse-responses.ts:114
// source: mmeikson/aivisibility lib/parse-responses.ts:122
import Anthropic from '@anthropic-ai/sdk';
import { saveParsed } from './db';

const GROUP = 5;
const client = () => new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function suggestions(brand: string): Promise<string[]> {
  const api = client();
  let parsed: string[] | null = null;
  for (let attempt = 1; attempt <= 3; attempt++) { // expect-not: naive-retry
    const reply = await api.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 2000,
      messages: [{ role: 'user', content: `Three concrete ways ${brand} could be cited more by assistants. JSON array.` }],
    });
    const text = reply.content[0]?.type === 'text' ? reply.content[0].text : '[]';
    try {
      parsed = JSON.parse(text);
      break;
    } catch {
      if (attempt === 3) return [];
    }
  }
  return parsed ?? [];
}

async function parseGroup(answers: Array<{ id: string; text: string }>, brand: string) {
  const reply = await client().messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 2000,
    messages: [{ role: 'user', content: `Does each answer mention ${brand}? JSON array of booleans.\n${JSON.stringify(answers)}` }],
  });
  const text = reply.content[0]?.type === 'text' ? reply.content[0].text : '[]';
  return JSON.parse(text) as boolean[];
}

export async function parseAll(answers: Array<{ id: string; text: string }>, brand: string) {
  for (let i = 0; i < answers.length; i += GROUP) { // expect-not: naive-retry
    const group = answers.slice(i, i + GROUP);
    let flags: boolean[] = [];
    try {
      flags = await parseGroup(group, brand);
    } catch (err) {
      console.error(`group ${i / GROUP + 1} failed`, err);
    }
    await Promise.all(group.map((a, j) => saveParsed(a.id, { mentioned: flags[j] ?? a.text.includes(brand) }))); // expect-not: unbounded-fanout
  }
}
