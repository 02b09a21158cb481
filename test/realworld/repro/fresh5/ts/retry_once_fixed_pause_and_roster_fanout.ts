// realworld repro (positive + negative): naive-retry and unbounded-fanout -- a panel helper sends a
// failed create (any error, a 429 included) once more after a fixed 800 ms; a second helper
// re-rolls an answer that breaks character (a content check, not an error); the route asks every
// member of a fixed five-member roster at once
// source: 27128601/Round-Table- lib/anthropic.ts:98
// source: 27128601/Round-Table- lib/anthropic.ts:268
// source: 27128601/Round-Table- app/api/round/route.ts:144
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();
const ROSTER = [
  { id: 'skeptic', system: 'You doubt every claim and say why.' },
  { id: 'builder', system: 'You judge whether it can be built.' },
  { id: 'seller', system: 'You judge whether anyone would pay.' },
  { id: 'runner', system: 'You judge what breaks when it grows.' },
  { id: 'teller', system: 'You judge whether the story lands.' },
] as const;

const rest = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function once(system: string, text: string): Promise<string> {
  const msg = await anthropic.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 400,
    system,
    messages: [{ role: 'user', content: text }],
  });
  return msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

export async function askTwice(system: string, text: string): Promise<string> {
  try {
    return await once(system, text);
  } catch {
    await rest(800);
    return await once(system, text); // expect: naive-retry
  }
}

const OUT_OF_ROLE = /which role would you like|as an AI\b/i;

export async function inCharacter(system: string, text: string): Promise<string> {
  const first = await askTwice(system, text);
  if (!OUT_OF_ROLE.test(first)) return first;
  try {
    const again = await askTwice(system, text); // expect-not: naive-retry
    return OUT_OF_ROLE.test(again) ? first : again;
  } catch {
    return first;
  }
}

export async function firstRound(idea: string) {
  return Promise.all(ROSTER.map((member) => inCharacter(member.system, idea))); // expect-not: unbounded-fanout
}
