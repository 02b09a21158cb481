// realworld repro (negative): nonstreaming-max-tokens, naive-retry, retries-disabled -- a provider helper runs up to
// eight non-streaming research turns at 16,000 tokens on a client with maxRetries 3, continuing on tool_use,
// pause_turn and max_tokens (no try: errors reach the caller); a second helper sends one 16,000-token
// messages.parse; both stay under the 21,333-token non-streaming ceiling and neither loops over data
// source: sbayer55/felony-bench scripts/lib/claude.ts:37
// source: sbayer55/felony-bench scripts/lib/claude.ts:38
// source: sbayer55/felony-bench scripts/lib/claude.ts:22
// source: aruchl-ux/toeictrainer scripts/lib/claude.ts:11
// source: aruchl-ux/toeictrainer scripts/lib/claude.ts:8
import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { z } from 'zod';

const MODEL = 'claude-opus-5-5';
const FINISH = 'record_findings';

const finishTool: Anthropic.Tool = {
  name: FINISH,
  description: 'Call once with the findings you verified.',
  input_schema: { type: 'object', properties: { findings: { type: 'array', items: { type: 'string' } } }, required: ['findings'] },
};

export function makeResearcher(apiKey: string) {
  const client = new Anthropic({ apiKey, maxRetries: 3 }); // expect-not: retries-disabled, hardcoded-api-key
  return (system: string, prompt: string) => investigate(client, system, prompt);
}

async function investigate(client: Anthropic, system: string, prompt: string): Promise<unknown | null> {
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: prompt }];
  const tools: Anthropic.ToolUnion[] = [{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }, finishTool];

  for (let turn = 0; turn < 8; turn++) { // expect-not: naive-retry
    const res = await client.messages.create({ // expect-not: nonstreaming-max-tokens, model-routing, uncached-prompt, missing-max-tokens, batchable-fanout
      model: MODEL,
      max_tokens: 16000,
      system,
      messages,
      tools,
    });
    messages.push({ role: 'assistant', content: res.content });

    if (res.stop_reason === 'tool_use') {
      const done = res.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === FINISH);
      if (done) return done.input;
      continue;
    }
    if (res.stop_reason === 'pause_turn') continue;
    if (res.stop_reason === 'max_tokens') {
      messages.push({ role: 'user', content: `Stop searching and call ${FINISH} now.` });
      continue;
    }
    return null;
  }
  return null;
}

const quizClient = new Anthropic(); // expect-not: retries-disabled

export async function makeQuiz<S extends z.ZodType>(schema: S, system: string, user: string): Promise<z.infer<S>> {
  const res = await quizClient.messages.parse({ // expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing
    model: MODEL,
    max_tokens: 16000,
    system,
    messages: [{ role: 'user', content: user }],
    output_config: { format: zodOutputFormat(schema) },
  });
  if (!res.parsed_output) throw new Error('reply did not match the schema');
  return res.parsed_output;
}
