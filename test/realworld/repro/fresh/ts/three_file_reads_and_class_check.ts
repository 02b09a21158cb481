// realworld repro (negative): unbounded-fanout and string-matched-error -- between two creates, a
// Promise.allSettled reads at most three files the first answer named (sliced to three), with no Claude
// call in it; a wrapper maps a connection timeout by its class, not its text
// source: 16dotjs/tracepaper src/lib/claude.ts:269
// source: 16dotjs/tracepaper src/lib/claude.ts:39
import Anthropic from '@anthropic-ai/sdk';

class SlowClaudeError extends Error {}

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, timeout: 25000 });

async function call(params: Anthropic.MessageCreateParamsNonStreaming) {
  try {
    return await anthropic.messages.create(params);
  } catch (err) {
    if (err instanceof Anthropic.APIConnectionTimeoutError) { // expect-not: string-matched-error
      throw new SlowClaudeError('Claude took too long');
    }
    throw err;
  }
}

export async function answerAboutRepo(question: string, paths: string[], read: (p: string) => Promise<string>) {
  const locate = await call({
    model: 'claude-haiku-4-5',
    max_tokens: 200,
    system: 'Name the files most likely to answer the question, as {"paths": []}.',
    messages: [{ role: 'user', content: `${question}\n\n${paths.join('\n')}` }],
  });
  const first = locate.content.find((b) => b.type === 'text');
  let wanted: string[] = [];
  try {
    wanted = first && first.type === 'text' ? (JSON.parse(first.text).paths ?? []).slice(0, 3) : [];
  } catch {
    wanted = [];
  }
  const files = await Promise.allSettled( // expect-not: unbounded-fanout
    wanted.map(async (p) => ({ path: p, text: await read(p) })),
  );
  const loaded = files.flatMap((f) => (f.status === 'fulfilled' ? [f.value] : []));
  const reply = await call({
    model: 'claude-haiku-4-5',
    max_tokens: 400,
    system: 'Answer from the files given.',
    messages: [{ role: 'user', content: `${question}\n\n${loaded.map((f) => `--- ${f.path}\n${f.text}`).join('\n')}` }],
  });
  const block = reply.content.find((b) => b.type === 'text');
  return block && block.type === 'text' ? block.text : '';
}
