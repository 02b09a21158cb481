// realworld repro (negative): unbounded-fanout -- a panel of voices answers at once with
// Promise.allSettled, but the seated list is sliced to a small constant first, and the follow-up
// exchanges are sliced the same way
// source: ADHD-IRL/MHDebate lib/engine.ts:539
// source: ADHD-IRL/MHDebate lib/engine.ts:566
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();
const MOST_SEATS = 6;
const MOST_REPLIES = 4;

async function speak(persona: string, topic: string): Promise<string> {
  const stream = client.messages.stream({
    model: 'claude-sonnet-4-5',
    max_tokens: 900,
    system: `Speak as ${persona}. Two short paragraphs.`,
    messages: [{ role: 'user', content: topic }],
  });
  const final = await stream.finalMessage();
  return final.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

export async function convene(personas: string[], topic: string, pairs: Array<[string, string]>) {
  const seated = personas.slice(0, MOST_SEATS);
  const opening = await Promise.allSettled(seated.map((p) => speak(p, topic))); // expect-not: unbounded-fanout
  const replies = pairs.slice(0, MOST_REPLIES);
  const rebuttals = await Promise.allSettled( // expect-not: unbounded-fanout
    replies.map(([from, to]) => speak(from, `Answer ${to} on: ${topic}`)),
  );
  return { opening, rebuttals };
}
