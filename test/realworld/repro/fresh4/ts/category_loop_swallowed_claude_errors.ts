// realworld repro (positive + negative): batchable-fanout -- an offline script classifies every business that
// has no category with one Haiku create each and inserts the result in the loop; the loop's catch waits and
// repeats the item when the error text says 429, but the classifier swallows every Claude error (returns
// null), so only the database insert's errors reach that text test
// source: johntang99/Baam-Local-Life scripts/assign-categories.ts:179
// source: johntang99/Baam-Local-Life scripts/assign-categories.ts:230
// source: johntang99/Baam-Local-Life scripts/assign-categories.ts:290
import Anthropic from '@anthropic-ai/sdk';

const BASE = process.env.DB_REST_URL!;
const HEADERS = { apikey: process.env.DB_KEY!, 'Content-Type': 'application/json' };
const api = new Anthropic();

async function insertRow(table: string, row: object): Promise<void> {
  const res = await fetch(`${BASE}/${table}`, { method: 'POST', headers: HEADERS, body: JSON.stringify(row) });
  if (!res.ok) throw new Error(`INSERT ${res.status}`);
}

async function guessCategory(name: string, blurb: string | null): Promise<string | null> {
  try {
    const r = await api.messages.create({ // expect: batchable-fanout
      model: 'claude-haiku-4-5',
      max_tokens: 30,
      system: 'Reply with exactly one slug: food, health, legal, finance, home, beauty, auto, other.',
      messages: [{ role: 'user', content: `${name}\n${blurb ?? ''}` }],
    });
    return r.content[0].type === 'text' ? r.content[0].text.trim().split(/\s/)[0] : null;
  } catch {
    return null;
  }
}

async function main() {
  const shops: Array<{ id: string; name: string; blurb: string | null }> = await (
    await fetch(`${BASE}/shops?category=is.null`, { headers: HEADERS })
  ).json();
  for (let i = 0; i < shops.length; i++) { // expect-not: naive-retry
    try {
      const slug = await guessCategory(shops[i].name, shops[i].blurb);
      if (slug) await insertRow('shop_categories', { shop_id: shops[i].id, slug });
    } catch (err) {
      if (err instanceof Error && err.message.includes('429')) { // expect-not: string-matched-error
        await new Promise((r) => setTimeout(r, 30000));
        i--;
        continue;
      }
      console.log(`failed: ${String(err)}`);
    }
  }
}

main().catch(console.error);
