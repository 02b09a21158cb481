// realworld repro (positive + negative): naive-retry and batchable-fanout -- an offline node script pages through the
// active listings (a while loop over stored pages that ends by break, resumable from a progress file) and, per
// listing that needs work, calls a same-file step that sends a Haiku create through a helper whose while loop waits
// a fixed 30 s on a 429 (no retry-after); the rewritten fields are stored through same-file update helpers
// source: tibbyy05/Moore-Items scripts/bulk-polish.js:89
// source: tibbyy05/Moore-Items scripts/bulk-polish.js:91
// source: tibbyy05/Moore-Items scripts/bulk-polish.js:99
// source: tibbyy05/Moore-Items scripts/bulk-polish.js:329
const fs = require('fs');
const Anthropic = require('@anthropic-ai/sdk');
const { createClient } = require('@supabase/supabase-js');

const store = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_KEY);
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled
const STATE_FILE = '.listing-polish-state.json';
const PAGE = 100;

const nap = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function askModel(prompt) {
  let n = 0;
  while (n < 3) { // expect: naive-retry
    try {
      return await anthropic.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, nonstreaming-max-tokens
        model: 'claude-haiku-4-5-20251001',
        max_tokens: 1200,
        messages: [{ role: 'user', content: prompt }],
      });
    } catch (error) {
      const status = error?.status;
      if (status === 429 && n < 2) { // expect-not: string-matched-error
        await nap(30000);
        n += 1;
        continue;
      }
      throw error;
    }
  }
  return null;
}

async function fetchPage(afterId) {
  let q = store.from('listings').select('id,title,blurb').eq('status', 'active').order('id').limit(PAGE);
  if (afterId) q = q.gt('id', afterId);
  const { data, error } = await q;
  if (error) throw new Error(error.message);
  return data || [];
}

async function saveListing(id, fields) {
  const { error } = await store.from('listings').update(fields).eq('id', id);
  if (error) throw new Error(error.message);
}

async function polish(listing) {
  const reply = await askModel(`Rewrite this shop listing blurb in plain, friendly English (max 80 words):\n${listing.blurb}`);
  const blurb = reply?.content?.[0]?.text?.trim() || '';
  if (blurb && blurb !== listing.blurb) await saveListing(listing.id, { blurb });
  return blurb;
}

async function main() {
  const state = fs.existsSync(STATE_FILE) ? JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) : { lastId: null };
  let lastId = state.lastId;
  while (true) {
    const page = await fetchPage(lastId);
    if (!page.length) break;
    for (const listing of page.filter((l) => !l.blurb || /<div|wholesale/i.test(l.blurb))) { // expect-not: unbounded-fanout
      try {
        await polish(listing);
      } catch (err) {
        console.error(`listing ${listing.id}: ${err.message}`);
      }
      await nap(500);
    }
    lastId = page[page.length - 1].id;
    fs.writeFileSync(STATE_FILE, JSON.stringify({ lastId }));
    if (page.length < PAGE) break;
  }
}

main();
