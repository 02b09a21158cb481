// realworld repro (positive + negative): batchable-fanout -- an offline enrichment script takes the next rows of a
// shops table in slices of five; each slice goes through Promise.all over a same-file per-row function that first
// scrapes the site, then calls a second same-file function sending one raw-fetch Haiku 4.5 request for a category
// and a one-line blurb, and the answer is written back with an UPDATE; look-alikes: the Promise.all is capped by
// the slice, Haiku at 200 tokens, no system prompt, a catch that only logs, the key from process.env
// source: polarjoeler/terrain scripts/ai-enrich.mjs:126
// source: polarjoeler/terrain scripts/ai-enrich.mjs:194
// source: polarjoeler/terrain scripts/ai-enrich.mjs:150
// source: polarjoeler/terrain scripts/ai-enrich.mjs:129
import pg from 'pg';

const MODEL = 'claude-haiku-4-5';
const PER_SLICE = 5;
const SECTORS = ['Clothing', 'Garden', 'Kitchen', 'Toys', 'Outdoor', 'Other'];

async function scrape(domain) {
  try {
    const page = await fetch(`https://${domain}`, { signal: AbortSignal.timeout(6000) });
    const html = page.ok ? await page.text() : '';
    return { domain, heading: (html.match(/<h1[^>]*>([^<]+)</i)?.[1] ?? '').trim() };
  } catch {
    return { domain, heading: '' };
  }
}

async function label(info) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    method: 'POST',
    headers: {
      'x-api-key': process.env.ANTHROPIC_API_KEY, // expect-not: hardcoded-api-key
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      model: MODEL,
      max_tokens: 200,
      messages: [
        {
          role: 'user',
          content: `Shop ${info.domain}, headline "${info.heading}". Pick one of ${SECTORS.join(', ')} and write one short sentence about what it sells. Answer as JSON {"sector":"","blurb":""}.`,
        },
      ],
    }),
  });
  if (!res.ok) throw new Error(`status ${res.status}`);
  const body = await res.json();
  return JSON.parse(body.content?.[0]?.text ?? '{}');
}

async function handleShop(db, row) {
  const info = await scrape(row.domain);
  let sector = null;
  let blurb = null;
  try { ({ sector, blurb } = await label(info)); }
  catch (err) { console.log(`skip ${info.domain}: ${err.message}`); } // expect-not: naive-retry, string-matched-error
  await db.query('UPDATE shops SET sector = COALESCE(sector, $1), blurb = COALESCE(blurb, $2), labelled_at = now() WHERE domain = $3', [sector, blurb, row.domain]);
}

async function main() {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  const { rows } = await db.query('SELECT domain FROM shops WHERE labelled_at IS NULL LIMIT 300');
  for (let i = 0; i < rows.length; i += PER_SLICE) {
    const slice = rows.slice(i, i + PER_SLICE);
    await Promise.all(slice.map((row) => handleShop(db, row))); // expect-not: unbounded-fanout
  }
  await db.end();
}

main().catch((err) => { console.error(err); process.exit(1); });
