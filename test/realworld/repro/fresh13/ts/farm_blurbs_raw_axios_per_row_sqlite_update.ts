// realworld repro (positive + negative): batchable-fanout -- an offline script reads every shop without a blurb
// from SQLite and awaits one raw axios POST to /v1/messages (Haiku, 300 tokens) per shop, one local call below
// the loop, writing each blurb back with an UPDATE in the loop; look-alikes: the model is already Haiku, a failed
// shop is logged and skipped, the pause is pacing, and the usage comment shows only a placeholder key
// source: sofie-heylou/gardsguiden scripts/generate-descriptions.ts:87
// source: sofie-heylou/gardsguiden scripts/generate-descriptions.ts:162
// source: sofie-heylou/gardsguiden scripts/generate-descriptions.ts:6
// source: sofie-heylou/gardsguiden scripts/generate-descriptions.ts:144
/**
 * Usage:
 *   ANTHROPIC_API_KEY=sk-... npx tsx scripts/shop-blurbs.ts // expect-not: hardcoded-api-key
 */
import Database from 'better-sqlite3';
import axios from 'axios';

interface ShopRow {
  id: string;
  name: string;
  town: string | null;
  goods: string | null;
}

const KEY = process.env.ANTHROPIC_API_KEY;
const PAUSE_MS = 400;

function pause(ms: number) {
  return new Promise<void>((r) => setTimeout(r, ms));
}

async function askForBlurb(shop: ShopRow): Promise<string> {
  const res = await axios.post( // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, retries-disabled
    'https://api.anthropic.com/v1/messages',
    {
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 300,
      messages: [{ role: 'user', content: `Write two plain sentences about the farm shop ${shop.name} in ${shop.town ?? 'the county'}. It sells: ${shop.goods ?? 'seasonal produce'}.` }],
    },
    { headers: { 'x-api-key': KEY!, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' } },
  );
  const text = (res.data as { content: { type: string; text: string }[] }).content.find((b) => b.type === 'text')?.text?.trim();
  if (!text) throw new Error('empty reply');
  return text;
}

async function main() {
  const db = new Database('data/shops.db');
  const shops = db.prepare("SELECT id, name, town, goods FROM shops WHERE blurb IS NULL OR blurb = ''").all() as ShopRow[];
  const save = db.prepare('UPDATE shops SET blurb = ? WHERE id = ?');

  for (let i = 0; i < shops.length; i++) { // expect-not: unbounded-fanout
    const shop = shops[i]!;
    try {
      const blurb = await askForBlurb(shop);
      save.run(blurb, shop.id);
    } catch (err) { // expect-not: naive-retry
      console.log(`skipped ${shop.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (i < shops.length - 1) await pause(PAUSE_MS);
  }
  db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
