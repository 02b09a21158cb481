// realworld repro (negative): unbounded-fanout and naive-retry -- a chat orchestrator loads three
// independent pieces of context with one Promise.all of a literal three, then lets at most two
// characters answer in turn with a random pause; a failed answer is logged and skipped
// source: 0xBunch/lazyriverco src/lib/orchestrator.ts:528
// source: 0xBunch/lazyriverco src/lib/orchestrator.ts:387
import Anthropic from '@anthropic-ai/sdk';
import { loadTranscript, pickNotes, upcomingEvents, saveReply } from './chat-store';

const client = new Anthropic();
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function answer(threadId: string, text: string, speakers: Array<{ name: string; prompt: string }>) {
  const [transcript, notes, events] =
    await Promise.all([loadTranscript(threadId), pickNotes(text), upcomingEvents()]); // expect-not: unbounded-fanout
  const chosen = speakers.slice(0, 2);
  for (const [i, speaker] of chosen.entries()) { // expect-not: naive-retry
    try {
      const res = await client.messages.create({
        model: 'claude-haiku-4-5',
        max_tokens: 300,
        system: `${speaker.prompt}\n${notes}\n${events}`,
        messages: [{ role: 'user', content: `${transcript}\n${text}` }],
      });
      const reply = res.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      await saveReply(threadId, speaker.name, reply);
    } catch (err) {
      console.error(`${speaker.name} could not answer`, err);
    }
    if (i < chosen.length - 1) await pause(2000 + Math.random() * 6000);
  }
}
