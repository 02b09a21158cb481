// realworld repro (positive + negative): naive-retry and batchable-fanout -- an offline node script selects the
// recipes whose summary is still empty, sends one Haiku create per recipe through a same-file helper whose while
// loop waits a fixed 30 s on a 429 (status test, no retry-after) on a client with the SDK's default retries, and
// writes each summary back to the recipes table in the same iteration
// source: tibbyy05/Moore-Items scripts/fix-missing-descriptions.js:64
// source: tibbyy05/Moore-Items scripts/fix-missing-descriptions.js:66
// source: tibbyy05/Moore-Items scripts/fix-missing-descriptions.js:74
// source: tibbyy05/Moore-Items scripts/fix-missing-descriptions.js:127
require('dotenv').config();
const Anthropic = require('@anthropic-ai/sdk');
const { createClient } = require('@supabase/supabase-js');

const db = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_KEY);
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function askHaiku(prompt) {
  const ATTEMPTS = 3;
  let tries = 0;
  while (tries < ATTEMPTS) { // expect: naive-retry
    try {
      return await anthropic.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt
        model: 'claude-haiku-4-5-20251001',
        max_tokens: 800,
        messages: [{ role: 'user', content: prompt }],
      });
    } catch (err) {
      const status = err?.status || err?.statusCode;
      if (status === 429 && tries < ATTEMPTS - 1) { // expect-not: string-matched-error
        console.warn('  throttled, sleeping 30s');
        await wait(30000);
        tries += 1;
        continue;
      }
      throw err;
    }
  }
  return null;
}

async function main() {
  const { data: recipes, error } = await db
    .from('recipes')
    .select('id, title, ingredients')
    .is('summary', null)
    .limit(50);
  if (error) throw error;

  for (let i = 0; i < recipes.length; i++) { // expect-not: unbounded-fanout
    const recipe = recipes[i];
    try {
      const reply = await askHaiku(`Write a two-sentence summary of the recipe "${recipe.title}" made with ${recipe.ingredients}.`);
      const summary = reply?.content?.[0]?.text?.trim() || '';
      if (!summary) continue;
      const { error: writeError } = await db.from('recipes').update({ summary }).eq('id', recipe.id);
      if (writeError) throw new Error(writeError.message);
      console.log(`[${i + 1}/${recipes.length}] ${recipe.title}`);
    } catch (err) {
      console.log(`[${i + 1}/${recipes.length}] ${recipe.title} failed: ${err.message}`);
    }
    await wait(400);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
