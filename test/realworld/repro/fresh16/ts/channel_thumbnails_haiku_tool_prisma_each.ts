// realworld repro (positive + negative): batchable-fanout -- a daily scheduled script selects up to a fixed cap of
// unclassified records and, in a sequential for loop, sends one forced-tool Haiku 4.5 messages.create per record
// (an image plus its title) and writes each answer back with a database update; look-alikes: the model is already
// Haiku at 300 tokens, the system prompt is built at run time by a function, the per-record catch logs and skips,
// and the client keeps its default retries with the key from the environment
// source: ingjogonza/yt-find-viral scripts/classify.ts:209
// source: ingjogonza/yt-find-viral scripts/classify.ts:222
// source: ingjogonza/yt-find-viral scripts/classify.ts:199
// source: ingjogonza/yt-find-viral scripts/classify.ts:287
import Anthropic from '@anthropic-ai/sdk';
import { store } from './store';

const PER_RUN = 120;
const LABEL_MODEL = 'claude-haiku-4-5';
const LABEL_TOKENS = 300;

const LABEL_TOOL: Anthropic.Tool = {
  name: 'record_label',
  description: 'Record the label for one gallery item.',
  input_schema: {
    type: 'object',
    properties: { label: { type: 'string' }, confidence: { type: 'number' } },
    required: ['label', 'confidence'],
  },
};

function systemText(labels: string[]): string {
  return ['You label one gallery item from its picture and title.', ...labels.map((l) => `- ${l}`)].join('\n');
}

async function run(client: Anthropic): Promise<number> {
  const items = await store.pending(PER_RUN);
  const labels = await store.labelNames();
  let done = 0;
  for (const item of items) { // expect-not: unbounded-fanout
    let reply: Anthropic.Message;
    try {
      reply = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model: LABEL_MODEL,
        max_tokens: LABEL_TOKENS,
        system: systemText(labels),
        tools: [LABEL_TOOL],
        tool_choice: { type: 'tool', name: 'record_label' },
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: item.imageBase64 } },
              { type: 'text', text: `Title: ${item.title}` },
            ],
          },
        ],
      });
    } catch (error) { // expect-not: naive-retry, string-matched-error
      console.warn(`skip ${item.id}: ${String(error)}`);
      continue;
    }
    const call = reply.content.find((b) => b.type === 'tool_use');
    if (!call || call.type !== 'tool_use') continue;
    await store.saveLabel(item.id, call.input);
    done++;
  }
  return done;
}

const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
run(client).then((n) => console.log(`labelled ${n}`));
