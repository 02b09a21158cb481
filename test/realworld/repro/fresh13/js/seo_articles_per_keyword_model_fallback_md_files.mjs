// realworld repro (positive + negative): batchable-fanout -- a monthly content script walks every category's
// picked keywords at the top level and awaits one long Sonnet article per keyword, one local call below the loop
// (through a closure that builds the client per call); each article is written to its own markdown file;
// look-alikes: the catch sends the same prompt once to a fallback model with no loop and no wait, the keywords
// are awaited one at a time, and the articles are long writing work
// (corrected by tuneH: the catch assigns the fallback to the same `model` variable and calls `send(model)` again,
// the same call text as the try, as in the original; it had passed two different constants)
// source: Ber457/ai-seo-site scripts/generate-monthly-content.mjs:137
// source: Ber457/ai-seo-site scripts/generate-monthly-content.mjs:139
// source: Ber457/ai-seo-site scripts/generate-monthly-content.mjs:174
import fs from 'fs';
import path from 'path';
import Anthropic from '@anthropic-ai/sdk';

const MAIN_MODEL = 'claude-3-5-sonnet-20240620';
const SPARE_MODEL = 'claude-3-opus-20240229';
const OUT_DIR = path.join(process.cwd(), 'articles');
const plan = JSON.parse(fs.readFileSync('topics.json', 'utf8'));

async function writeArticle(section, topic) {
  const body = `Write a 2,000 word guide for a garden tools shop.
Section: ${section}
Topic: "${topic}"
- Use H2 and H3 headings and short lists
- End with three related reading suggestions`;

  const send = async (model) => new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }).messages.create({ model, max_tokens: 4500, messages: [{ role: 'user', content: body }] }); // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, hardcoded-api-key, retries-disabled
  let model = MAIN_MODEL;
  let reply;
  try { reply = await send(model); } catch (err) { model = SPARE_MODEL; reply = await send(model); } // expect-not: naive-retry

  const text = reply.content.map((part) => part.text || '').join('');
  const dir = path.join(OUT_DIR, section);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${topic.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.md`);
  fs.writeFileSync(file, `# ${topic}\n\n${text.trim()}\n`, 'utf8');
  return file;
}

(async () => {
  let made = 0;
  for (const { section, topics } of plan.sections) {
    for (const topic of topics) { const file = await writeArticle(section, topic); if (file) made++; } // expect-not: unbounded-fanout
  }
  console.log(`wrote ${made} articles`);
})();
