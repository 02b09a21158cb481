// realworld repro (positive + negative): batchable-fanout and naive-retry -- an offline
// script reads every flagged recipe from the database, asks Sonnet to rewrite its ingredient list one
// recipe at a time with a short pause, and writes each answer back; a failed call ends the run
// source: cupertitieus-ctrl/key2read scripts/fix-length-bias.js:86
// source: cupertitieus-ctrl/key2read scripts/fix-length-bias.js:157
const Anthropic = require('@anthropic-ai/sdk');
const { openStore } = require('./recipe-store');

const store = openStore(process.env.RECIPE_DB_URL);
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

async function rewriteIngredients(recipe) {
  const reply = await claude.messages.create({ // expect: batchable-fanout
    model: 'claude-sonnet-4-20250514',
    max_tokens: 900,
    messages: [
      {
        role: 'user',
        content: `Rewrite these ingredients in metric units, one per line, as JSON {"items": [...]}:\n${recipe.ingredients.join('\n')}`,
      },
    ],
  });
  try {
    return JSON.parse(reply.content[0].text).items;
  } catch {
    return null;
  }
}

async function main() {
  const flagged = await store.listFlaggedRecipes();
  for (let i = 0; i < flagged.length; i++) { // expect-not: naive-retry
    const items = await rewriteIngredients(flagged[i]);
    if (!items) continue;
    await store.saveIngredients(flagged[i].id, items);
    await new Promise((r) => setTimeout(r, 400));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
