// realworld repro (positive + negative): batchable-fanout -- a job over the store's backlog selects the recipes
// whose status is still 'imported', and for each one sends one raw fetch Sonnet request for an English write-up
// and one per language of a small fixed table for its translations, through one same-file helper, upserting every
// answer into Supabase as it arrives; every catch logs and moves on, and the error test reads only res.ok
// source: khadimhssn/tabanapp scripts/generate-summaries.mjs:32
// source: khadimhssn/tabanapp scripts/generate-summaries.mjs:240
// source: khadimhssn/tabanapp scripts/generate-summaries.mjs:47
// source: khadimhssn/tabanapp scripts/generate-summaries.mjs:13
import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_KEY);
const CLAUDE_KEY = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
const MODEL = 'claude-sonnet-4-5';
const LANGS = { de: 'German', it: 'Italian', pl: 'Polish', tr: 'Turkish' };

const WRITEUP_SYSTEM = 'You write a friendly 300-word introduction to a recipe, then three serving tips. Answer in JSON with "intro" and "tips".';

async function askClaude(system, text, budget) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, retries-disabled
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': CLAUDE_KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: MODEL, max_tokens: budget, system, messages: [{ role: 'user', content: text }] }),
  });
  if (!res.ok) { // expect-not: string-matched-error
    throw new Error(`claude ${res.status}: ${await res.text()}`);
  }
  return JSON.parse((await res.json()).content[0].text);
}

async function save(recipeId, lang, body) {
  const { error } = await db.from('recipe_texts').upsert({ recipe_id: recipeId, lang, ...body }, { onConflict: 'recipe_id,lang' });
  if (error) throw new Error(error.message);
}

async function processRecipe(recipe) {
  let english;
  try {
    english = await askClaude(WRITEUP_SYSTEM, `Recipe: ${recipe.name}\nIngredients: ${recipe.ingredients.join(', ')}`, 3000);
    await save(recipe.id, 'en', english);
  } catch (err) {
    console.error(`${recipe.name}: ${err.message}`);
    return;
  }
  for (const [code, language] of Object.entries(LANGS)) {
    try {
      const translated = await askClaude(`Translate the JSON values into ${language}; keep the keys.`, JSON.stringify(english), 5000);
      await save(recipe.id, code, translated);
    } catch (err) {
      console.error(`${recipe.name} ${code}: ${err.message}`);
    }
  }
  await db.from('recipes').update({ status: 'written' }).eq('id', recipe.id);
}

async function main() {
  const { data: recipes } = await db.from('recipes').select('*').eq('status', 'imported').limit(10);
  for (const recipe of recipes ?? []) { // expect-not: naive-retry, unbounded-fanout
    await processRecipe(recipe);
  }
}

main().catch(console.error);
