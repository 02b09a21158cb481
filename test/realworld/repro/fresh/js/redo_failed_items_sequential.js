// realworld repro (positive + negative): batchable-fanout and naive-retry -- an offline script re-runs
// the items a previous run marked as failed, one create each with a pause before it, and writes the
// answers to a database; a loop over items whose catch logs and moves on is not a retry loop
// source: kenta-yos/reading-note-app scripts/retry-failed.mjs:48
// source: kenta-yos/reading-note-app scripts/retry-failed.mjs:36
import Anthropic from '@anthropic-ai/sdk';
import { openStore } from './store.js';

const store = openStore(process.env.STORE_URL);
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const FAILED = '__failed__';

async function main() {
  const pending = await store.items.where({ marker: FAILED });
  let done = 0;
  let bad = 0;
  for (const item of pending) { // expect-not: naive-retry
    await new Promise((resolve) => setTimeout(resolve, 1200));
    try {
      const reply = await claude.messages.create({ // expect: batchable-fanout
        model: 'claude-haiku-4-5',
        max_tokens: 200,
        messages: [{ role: 'user', content: `List up to five themes of: ${item.title}. JSON array only.` }],
      });
      const text = reply.content[0].type === 'text' ? reply.content[0].text : '[]';
      const themes = JSON.parse(text.match(/\[[\s\S]*?\]/)?.[0] ?? '[]');
      if (themes.length > 0) {
        await store.items.update(item.id, { themes, marker: null });
        done++;
      }
    } catch (err) {
      console.error(`${item.title}: ${String(err.message).slice(0, 60)}`);
      bad++;
    }
  }
  console.log(`done=${done} failed=${bad}`);
}

main()
  .catch(console.error)
  .finally(() => store.close());
