// realworld repro (positive + negative): batchable-fanout -- an offline summariser picks the wiki pages that still
// need a summary (a --limit, default 10) and, per page, awaits a same-file function that builds the prompt, calls a
// second same-file function holding the create, and stores the answer through the imported store's upsert;
// look-alikes: the model comes from a CLI map (not a literal Opus/Sonnet) at 1,500 tokens, there is no system
// prompt, a failed page is counted and skipped, the pause is pacing, and the hint string holds a placeholder key
// source: quantified-uncertainty/cairn scripts/generate-summaries.mjs:141
// source: quantified-uncertainty/cairn scripts/generate-summaries.mjs:297
// source: quantified-uncertainty/cairn scripts/generate-summaries.mjs:66
// source: quantified-uncertainty/cairn scripts/generate-summaries.mjs:70
import Anthropic from '@anthropic-ai/sdk';
import { pages, pageSummaries } from './lib/wiki-store.mjs';

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : argv[i + 1] ?? fallback;
};

const LIMIT = parseInt(flag('limit', '10'), 10);
const MODELS = { small: 'claude-haiku-4-5', large: 'claude-sonnet-4-5' };
const MODEL = MODELS[flag('size', 'small')] ?? MODELS.small;

const key = process.env.ANTHROPIC_API_KEY;
if (!key) {
  console.error('Put ANTHROPIC_API_KEY=sk-... in your .env file'); // expect-not: hardcoded-api-key
  process.exit(1);
}
const anthropic = new Anthropic({ apiKey: key }); // expect-not: retries-disabled

const TEMPLATE = `Summarise this wiki page as JSON {"oneLine": string, "summary": string, "keyPoints": string[]}.

TITLE: {{TITLE}}

PAGE:
{{BODY}}`;

async function askForSummary(prompt) {
  const reply = await anthropic.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: MODEL,
    max_tokens: 1500,
    messages: [{ role: 'user', content: prompt }],
  });
  const text = reply.content[0].text;
  const match = text.match(/\{[\s\S]*\}/);
  return match ? JSON.parse(match[0]) : { oneLine: text.slice(0, 160), summary: text, keyPoints: [] };
}

async function summarisePage(page) {
  const prompt = TEMPLATE.replace('{{TITLE}}', page.title).replace('{{BODY}}', page.body.slice(0, 60000));
  const result = await askForSummary(prompt);
  pageSummaries.upsert(page.id, { ...result, model: MODEL });
  return result;
}

async function main() {
  const todo = pages.withoutSummary().slice(0, LIMIT);
  let failed = 0;
  for (let i = 0; i < todo.length; i++) { // expect-not: unbounded-fanout, naive-retry
    try {
      const result = await summarisePage(todo[i]);
      console.log(`[${i + 1}/${todo.length}] ${result.oneLine}`);
      await new Promise((r) => setTimeout(r, 500));
    } catch (err) {
      failed++;
      console.log(`  failed: ${err.message}`);
    }
  }
  console.log(`done, ${failed} failed`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
