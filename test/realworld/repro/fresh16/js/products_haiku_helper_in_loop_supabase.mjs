// realworld repro (positive + negative): batchable-fanout -- an offline script's main loops over every product with
// no description and awaits a same-file helper that sends one Haiku 4.5 messages.create per product with a short
// constant system prompt; outside a dry run each answer is written back to the database (a pause between calls);
// look-alikes: already Haiku, a small constant system prompt, a sequential indexed loop, and a per-product catch
// that logs and counts the failure
// source: Andressadanfre/granel-da-praca-e-commerce scripts/generate-descriptions.mjs:77
// source: Andressadanfre/granel-da-praca-e-commerce scripts/generate-descriptions.mjs:195
// source: Andressadanfre/granel-da-praca-e-commerce scripts/generate-descriptions.mjs:160
// (corrected by tuneM: the products are read and each description written with a supabase client,
// `.from('products').update({ description }).eq('id', id)`, as in the original, not through an imported `shop` helper)
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const DRY = process.argv.includes('--dry-run');
const client = new Anthropic();
const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE);
const SYSTEM = 'You write warm, short product copy for a small grocery shop. Plain sentences only.';

async function describe(name, aisle) {
  const res = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: 'claude-haiku-4-5-20251001',
    max_tokens: 180,
    system: SYSTEM,
    messages: [{ role: 'user', content: `Describe "${name}" from the ${aisle} aisle in two sentences.` }],
  });
  return res.content[0].text.trim();
}

async function main() {
  const { data: products } = await supabase.from('products').select('id, name, aisle').is('description', null);
  let failed = 0;
  for (let i = 0; i < products.length; i++) { // expect-not: unbounded-fanout
    const p = products[i];
    try {
      const text = await describe(p.name, p.aisle);
      if (DRY) console.log(p.name, text);
      else await supabase.from('products').update({ description: text }).eq('id', p.id);
    } catch (err) { // expect-not: naive-retry, string-matched-error
      console.log(`failed ${p.name}: ${err.message}`);
      failed++;
    }
    await new Promise((r) => setTimeout(r, 800));
  }
  console.log(`${failed} failed`);
}

main();
