// realworld repro (positive + negative): uncached-prompt and retries-disabled -- a discussion chat
// streams each turn with up to 80,000 characters of the document in the system prompt and no
// cache_control; the shared client raises the SDK's retries to 4 (not disabled), and a one-off
// summary sends the document once in the user turn
// source: PER-G/Read-and-Discussion-App server/claude.js:99
// source: PER-G/Read-and-Discussion-App server/claude.js:15
// source: PER-G/Read-and-Discussion-App server/claude.js:33
import Anthropic from '@anthropic-ai/sdk';

let shared = null;
function claude() {
  shared ??= new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, maxRetries: 4 }); // expect-not: retries-disabled
  return shared;
}

const cut = (text, most) => (text.length <= most ? text : `${text.slice(0, most)}\n[...]`);

export async function outline(doc) {
  const msg = await claude().messages.create({ // expect-not: uncached-prompt
    model: 'claude-sonnet-4-5',
    max_tokens: 1200,
    system: 'You are a careful reading companion.',
    messages: [{ role: 'user', content: `Outline the main claims of this text:\n"""\n${cut(doc, 60000)}\n"""` }],
  });
  return msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

export async function discuss(res, doc, turns) {
  const stream = await claude().messages.create({ // expect: uncached-prompt
    model: 'claude-sonnet-4-5',
    max_tokens: 1200,
    system: `You discuss the document below with its author; be critical and brief.\n\nDOCUMENT:\n"""\n${cut(doc, 80000)}\n"""`,
    messages: turns,
    stream: true,
  });
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      res.write(`data: ${JSON.stringify({ text: event.delta.text })}\n\n`);
    }
  }
  res.end();
}
