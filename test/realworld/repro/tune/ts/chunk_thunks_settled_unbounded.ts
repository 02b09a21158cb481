// realworld repro (positive + negative): unbounded-fanout -- a generic runAll(thunks) settles one thunk
// per document chunk at once, each thunk streaming a Claude request through a local function; a
// truncated chunk is retried as its two halves together, and a worker-pool helper beside them keeps
// a fixed number of workers
// source: 2anki/2anki.net src/lib/claude/ClaudeService.ts:1244
// source: 2anki/2anki.net src/lib/claude/ClaudeService.ts:1221
// source: 2anki/2anki.net src/lib/claude/ClaudeService.ts:1088
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();

async function cardsForChunk(chunk: string): Promise<string> {
  const stream = client.messages.stream({
    model: 'claude-sonnet-5',
    max_tokens: 16000,
    messages: [{ role: 'user', content: `Make flashcards from:\n${chunk}` }],
  });
  const message = await stream.finalMessage();
  const block = message.content[0];
  return block.type === 'text' ? block.text : '';
}

async function withHalving(chunk: string, call: (c: string) => Promise<string>): Promise<string> {
  try {
    return await call(chunk);
  } catch (err) {
    const middle = Math.floor(chunk.length / 2);
    const halves = [chunk.slice(0, middle), chunk.slice(middle)];
    const settled = await Promise.allSettled(halves.map((h) => call(h))); // expect-not: unbounded-fanout
    const ok = settled.filter((s): s is PromiseFulfilledResult<string> => s.status === 'fulfilled');
    if (ok.length === 0) throw err;
    return ok.map((s) => s.value).join('\n');
  }
}

async function pooled<T>(thunks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const out: T[] = new Array(thunks.length);
  let next = 0;
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.min(width, thunks.length); w++) {
    workers.push(
      (async () => {
        while (next < thunks.length) {
          const i = next++;
          out[i] = await thunks[i]();
        }
      })(),
    );
  }
  await Promise.all(workers); // expect-not: unbounded-fanout
  return out;
}

async function runAll(thunks: Array<() => Promise<string>>): Promise<string[]> {
  const settled = await Promise.allSettled(thunks.map((fn) => fn())); // expect: unbounded-fanout
  return settled.map((s) => (s.status === 'fulfilled' ? s.value : ''));
}

export async function deckFromDocument(chunks: string[], small: boolean) {
  const thunks = chunks.map((chunk) => () => withHalving(chunk, cardsForChunk));
  return small ? pooled(thunks, 4) : runAll(thunks);
}
