// realworld repro (negative): uncached-prompt -- a party game's service asks Sonnet 4 once for several image
// prompts; its system prompt is a constant rule block plus constraints read from the database on every call
// (recently rejected prompts, under-served themes), and nothing in this file calls it per item; look-alikes: one
// request for a whole set (not per item), 1,500 tokens, no try around the call, regexes that strip code fences
// source: Kciwc/prompt-deception server/services/claude.js:71
// source: Kciwc/prompt-deception server/services/claude.js:86
// source: Kciwc/prompt-deception server/services/claude.js:4
const Anthropic = require("@anthropic-ai/sdk");
const store = require("../store");

const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: hardcoded-api-key, retries-disabled

const RULES = `You invent picture prompts for a guessing game played on a big screen.
Each prompt is 10-30 words, vivid, specific and hard to guess.
Vary the style and the theme. Reply with a JSON array of {"prompt", "theme"} objects only.`;

async function newPrompts(count = 5) {
  const rejected = await store.rejectedPrompts(20);
  const themes = await store.themeCounts();
  let extra = "";
  for (const r of rejected) extra += `\nAvoid prompts like "${r.prompt}" (${r.reason}).`;
  for (const t of themes.slice(0, 5)) extra += `\nWe need more of: ${t.name}.`;

  const message = await client.messages.create({ // expect-not: uncached-prompt, batchable-fanout, model-routing, missing-max-tokens, naive-retry
    model: "claude-sonnet-4-20250514",
    max_tokens: 1500,
    system: RULES + extra,
    messages: [{ role: "user", content: `Invent ${count} prompts.` }],
  });
  const text = message.content[0].text.trim();
  return JSON.parse(text.replace(/^```json?\s*/, "").replace(/\s*```$/, "")); // expect-not: string-matched-error
}

module.exports = { newPrompts };
