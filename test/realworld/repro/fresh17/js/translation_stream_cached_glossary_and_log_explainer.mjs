// realworld repro (negative): look-alikes -- a translation helper streams one Opus 5 request per language with
// max_tokens 64,000 (streamed, within the model's limit) and a cached system block, asks once more only for keys
// missing from a successful answer, and a language probe uses 1,024 tokens with no loop; a provider module's
// error explainer tests the message for '429' only to choose a log line, outside any catch around a Claude call
// source: alekswithk/yunited scripts/lib/claude.mjs:134
// source: alekswithk/yunited scripts/lib/claude.mjs:199
// source: alekswithk/yunited scripts/lib/claude.mjs:217
// source: NoelM74/china-logistics-daily scripts/lib/llm.mjs:208
import Anthropic from '@anthropic-ai/sdk';

const MODEL = 'claude-opus-5';
const OUTPUT_LIMIT = 64000;

export async function translateAll({ strings, lang, styleGuide }) {
  const anthropic = new Anthropic();
  const listing = strings.map((s) => `${s.key}: ${JSON.stringify(s.text)}`).join('\n');
  const stream = anthropic.messages.stream({ // expect-not: nonstreaming-max-tokens, uncached-prompt, model-routing, missing-max-tokens, batchable-fanout
    model: MODEL,
    max_tokens: OUTPUT_LIMIT,
    system: [{ type: 'text', text: styleGuide, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: `Translate into ${lang}, one key per line:\n${listing}` }],
  });
  const final = await stream.finalMessage();
  const out = {};
  for (const line of (final.content.find((b) => b.type === 'text')?.text ?? '').split('\n')) {
    const cut = line.indexOf(':');
    if (cut > 0) out[line.slice(0, cut).trim()] = line.slice(cut + 1).trim();
  }
  return out;
}

export async function translateAllChecked(args) {
  const first = await translateAll(args);
  const gaps = args.strings.filter((s) => !first[s.key]);
  if (gaps.length === 0) return first;
  const second = await translateAll({ ...args, strings: gaps }); // expect-not: naive-retry
  return { ...first, ...second };
}

export async function guessLanguage(text, choices) {
  const anthropic = new Anthropic();
  const reply = await anthropic.messages.create({ // expect-not: model-routing, nonstreaming-max-tokens, missing-max-tokens, batchable-fanout
    model: MODEL,
    max_tokens: 1024,
    messages: [{ role: 'user', content: `Which of ${choices.join(', ')} is this written in? Answer with the code.\n\n${text}` }],
  });
  const answer = reply.content.find((b) => b.type === 'text')?.text?.trim();
  return choices.includes(answer) ? answer : 'en';
}

export function describeFailure(err) {
  const message = String(err?.message ?? err);
  if (message.includes('401')) return 'The API key was rejected.';
  if (message.includes('429')) return 'Rate limited; the next scheduled run will try again.'; // expect-not: string-matched-error
  return null;
}
