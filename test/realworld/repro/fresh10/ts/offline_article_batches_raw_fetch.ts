// realworld repro (positive + negative): batchable-fanout, naive-retry and uncached-prompt -- an offline
// script splits every help article into batches of 50, sends one raw Haiku request per batch with a system
// prompt built at run time from the product list, writes each mapping back to its article, and moves on to
// the next batch after a bad response
// source: thecyclecoder/shopcx scripts/remap-kb-products.ts:60
// source: thecyclecoder/shopcx scripts/remap-kb-products.ts:51
import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.DB_URL!, process.env.DB_SERVICE_KEY!);

async function run(): Promise<void> {
  const { data: products } = await db.from('products').select('id, name');
  const { data: articles } = await db.from('help_articles').select('id, title');
  const catalogue = (products ?? []).map((p) => `${p.id}|${p.name}`).join('\n');
  const all = articles ?? [];
  const groups: (typeof all)[] = [];
  for (let i = 0; i < all.length; i += 50) groups.push(all.slice(i, i + 50));

  for (let g = 0; g < groups.length; g++) { // expect-not: naive-retry
    const group = groups[g];
    const listing = group.map((a, i) => `${i}|${a.title}`).join('\n');
    const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: model-routing, nonstreaming-max-tokens, uncached-prompt
      method: 'POST',
      headers: {
        'x-api-key': process.env.ANTHROPIC_API_KEY ?? '',
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        model: 'claude-haiku-4-5',
        max_tokens: 4000,
        system: `Match each help article to one product id, or NONE.\nProducts:\n${catalogue}\nAnswer with a JSON array of [index, id] pairs.`,
        messages: [{ role: 'user', content: listing }],
      }),
    });
    if (!res.ok) {
      console.error(`batch ${g}: ${res.status}`);
      continue;
    }
    const body = await res.json();
    const pairs = JSON.parse(body.content?.[0]?.text ?? '[]') as [number, string][];
    for (const [idx, productId] of pairs) {
      const article = group[idx];
      if (!article) continue;
      await db.from('help_articles').update({ product_id: productId === 'NONE' ? null : productId }).eq('id', article.id);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

run().catch(console.error);
