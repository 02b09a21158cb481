// realworld repro (positive + negative): batchable-fanout -- an offline tsx script translates a herbal guide's
// remedies and articles into each target language in nested loops (item, then language): one Haiku create per remedy
// and language, and per article and language a title request and a body request, each answer inserted into a
// translations table; nobody waits on them live; look-alikes: Haiku already (no routing advice), 8,192 tokens on a
// non-streaming body request (below the SDK limit), a constant guideline block in the user turn (no system prompt,
// far below any cache minimum), catches that log and move on, a short pause after each save
// source: robinroyhansen/cbd-portal scripts/translate-content.ts:86
// source: robinroyhansen/cbd-portal scripts/translate-content.ts:197
// source: robinroyhansen/cbd-portal scripts/translate-content.ts:219
// source: robinroyhansen/cbd-portal scripts/translate-content.ts:144
import Anthropic from "@anthropic-ai/sdk";
import { createClient } from "@supabase/supabase-js";

const LANGS = { sv: "Swedish", pl: "Polish", pt: "Portuguese" } as const;
type Lang = keyof typeof LANGS;

const GUIDE = `You translate a herbal remedies guide.
- Keep Latin plant names, doses and units unchanged.
- Keep markdown and links as they are.`;

async function remedies(db: ReturnType<typeof createClient>, claude: Anthropic, langs: Lang[]) {
  const { data: rows } = await db.from("remedies").select("id, name, blurb");
  for (const row of rows ?? []) {
    for (const lang of langs) {
      try {
        const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, uncached-prompt
          model: "claude-3-5-haiku-20241022",
          max_tokens: 2048,
          messages: [
            {
              role: "user",
              content: `${GUIDE}\n\nTranslate into ${LANGS[lang]} and answer as JSON with "name" and "blurb":\nname: ${row.name}\nblurb: ${row.blurb}`,
            },
          ],
        });
        const text = reply.content[0].type === "text" ? reply.content[0].text : "{}";
        const out = JSON.parse(text.replace(/^```(?:json)?\n?/, "").replace(/\n?```$/, ""));
        await db.from("remedy_translations").insert({ remedy_id: row.id, lang, ...out });
        await new Promise((r) => setTimeout(r, 300));
      } catch (err) { // expect-not: naive-retry, string-matched-error
        console.error(`remedy ${row.id} (${lang}) failed`, err);
      }
    }
  }
}

async function articles(db: ReturnType<typeof createClient>, claude: Anthropic, langs: Lang[]) {
  const { data: rows } = await db.from("articles").select("id, title, body");
  for (const row of rows ?? []) {
    for (const lang of langs) {
      try {
        const titleReply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing
          model: "claude-3-5-haiku-20241022",
          max_tokens: 256,
          messages: [{ role: "user", content: `${GUIDE}\n\nTranslate this title into ${LANGS[lang]}:\n${row.title}` }],
        });
        const bodyReply = await claude.messages.create({ // expect: batchable-fanout; expect-not: nonstreaming-max-tokens
          model: "claude-3-5-haiku-20241022",
          max_tokens: 8192,
          messages: [{ role: "user", content: `${GUIDE}\n\nTranslate this article into ${LANGS[lang]}:\n\n${row.body}` }],
        });
        const title = titleReply.content[0].type === "text" ? titleReply.content[0].text.trim() : row.title;
        const body = bodyReply.content[0].type === "text" ? bodyReply.content[0].text.trim() : row.body;
        await db.from("article_translations").insert({ article_id: row.id, lang, title, body });
        await new Promise((r) => setTimeout(r, 500));
      } catch (err) {
        console.error(`article ${row.id} (${lang}) failed`, err);
      }
    }
  }
}

async function main() {
  const langs = (process.argv[2] ?? "sv").split(",") as Lang[];
  const db = createClient(process.env.DB_URL!, process.env.DB_KEY!);
  const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  await remedies(db, claude, langs);
  await articles(db, claude, langs);
}

main().catch(console.error);
