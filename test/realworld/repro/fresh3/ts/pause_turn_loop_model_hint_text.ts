// realworld repro (negative): naive-retry, string-matched-error, retries-disabled and
// missing-max-tokens -- a chat helper hands create(params) to a retry wrapper imported from another
// module (not reproduced here: the call goes straight to the SDK), turns a model-not-found error into a
// setup hint by its text, and continues a web-search conversation while stop_reason is pause_turn
// source: francoise2188/Fernhollow lib/anthropic.ts:161
// source: francoise2188/Fernhollow lib/anthropic.ts:110
// source: francoise2188/Fernhollow lib/anthropic.ts:16
// source: francoise2188/Fernhollow lib/anthropic.ts:18
import Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages/messages';

async function send(client: Anthropic, params: MessageCreateParamsNonStreaming, maxRetries = 4): Promise<Message> { // expect-not: retries-disabled
  void maxRetries;
  return client.messages.create(params); // expect-not: missing-max-tokens
}

export async function chat(system: string, text: string): Promise<string> {
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  try {
    const reply = await send(client, { model: 'claude-sonnet-4-5', max_tokens: 3000, system, messages: [{ role: 'user', content: text }] });
    const block = reply.content[0];
    return block && block.type === 'text' ? block.text : '';
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg.includes('not_found') || msg.includes('404')) { // expect-not: string-matched-error
      throw new Error(`${msg} -- set CHAT_MODEL to a model your key can use`);
    }
    throw new Error(msg);
  }
}

export async function chatWithSearch(system: string, text: string): Promise<string> {
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const tools = [{ type: 'web_search_20250305', name: 'web_search' }] as unknown as Anthropic.Tool[];
  let messages: Anthropic.MessageParam[] = [{ role: 'user', content: text }];
  let reply = await send(client, { model: 'claude-sonnet-4-5', max_tokens: 3000, system, messages, tools });
  const parts: string[] = [];
  for (let round = 0; round < 10; round++) { // expect-not: naive-retry
    parts.push(reply.content.filter((b) => b.type === 'text').map((b) => (b as Anthropic.TextBlock).text).join('\n'));
    if (reply.stop_reason !== 'pause_turn') break;
    messages = [...messages, { role: 'assistant', content: reply.content }];
    reply = await send(client, { model: 'claude-sonnet-4-5', max_tokens: 3000, system, messages, tools });
  }
  return parts.join('\n').trim();
}
