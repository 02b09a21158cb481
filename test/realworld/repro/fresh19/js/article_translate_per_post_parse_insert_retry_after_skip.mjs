// realworld repro (positive + negative): batchable-fanout -- an offline translation script loops over the languages
// and, for each, over the untranslated articles read from the database, sending one Opus messages.parse per article
// through a same-file function and inserting each translation; look-alikes: a RateLimitError handler that sleeps
// the retry-after header and moves on (nothing re-sent), APIError sorted by class, a cached system block,
// 16,000 tokens non-streaming (below the bar), a sequential loop, the key from the environment
// source: nodirgroup-dev/sportlive scripts/translate-posts.mjs:97
// source: nodirgroup-dev/sportlive scripts/translate-posts.mjs:229
// source: nodirgroup-dev/sportlive scripts/translate-posts.mjs:214
// source: nodirgroup-dev/sportlive scripts/translate-posts.mjs:29
import Anthropic from '@anthropic-ai/sdk';
import pg from 'pg';

const db = new pg.Client({ connectionString: process.env.PG_URL });
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
const LANGS = { fr: 'French', pt: 'Portuguese' };

const rulesFor = (code) =>
  `You translate cycling news from Dutch into ${LANGS[code]}. Keep every HTML tag in place and return the schema fields only.`;

async function translateArticle(row, code) {
  const reply = await claude.messages.parse({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: 'claude-opus-4-7',
    max_tokens: 16000,
    system: [{ type: 'text', text: rulesFor(code), cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: JSON.stringify({ headline: row.headline, html: row.html }) }],
    output_config: {
      format: {
        type: 'json_schema',
        name: 'article',
        schema: {
          type: 'object',
          properties: { headline: { type: 'string' }, html: { type: 'string' } },
          required: ['headline', 'html'],
          additionalProperties: false,
        },
      },
    },
  });
  return reply.parsed_output;
}

async function main() {
  await db.connect();
  for (const code of Object.keys(LANGS)) {
    const { rows } = await db.query('SELECT id, headline, html FROM articles WHERE id NOT IN (SELECT article_id FROM versions WHERE lang = $1)', [code]);
    for (const row of rows) { // expect-not: unbounded-fanout
      try {
        const done = await translateArticle(row, code);
        await db.query('INSERT INTO versions (article_id, lang, headline, html) VALUES ($1, $2, $3, $4)', [row.id, code, done.headline, done.html]);
      } catch (err) {
        if (err instanceof Anthropic.RateLimitError) { // expect-not: naive-retry, string-matched-error
          const pause = parseInt(err.headers?.get?.('retry-after') ?? '5', 10);
          await new Promise((r) => setTimeout(r, pause * 1000));
          continue;
        }
        if (err instanceof Anthropic.APIError) console.error(`article ${row.id} failed with ${err.status}`);
        else console.error(`article ${row.id} failed`, err);
      }
    }
  }
  await db.end();
}

main();
