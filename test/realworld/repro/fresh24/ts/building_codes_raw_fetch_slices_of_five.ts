// realworld repro (positive + negative): batchable-fanout -- an offline tsx script reads building-code sections
// without a plain summary and posts one raw fetch to the Messages URL per section, through a same-file function
// called in Promise.all over a slice of five; each structured summary is written back to the section's row, so
// nobody waits on it live (raw HTTP: no quick fix); look-alikes: slices of five awaited with a pause before the next
// (bounded, no unbounded fan-out), a failed response logged and skipped (no retry), Sonnet at 1,500 tokens
// source: dtjohnson83/osha-mcp scripts/generate-summaries.ts:72
// source: dtjohnson83/osha-mcp scripts/generate-summaries.ts:153
// source: dtjohnson83/osha-mcp scripts/generate-summaries.ts:86
import { createClient } from "@supabase/supabase-js";

const db = createClient(process.env.DB_URL!, process.env.DB_KEY!);
const CLAUDE_KEY = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
const SLICE = 5;

async function summarise(code: string, text: string): Promise<{ summary: string; duties: string[] } | null> {
  try {
    const res = await fetch("https://api.anthropic.com/v1/messages", { // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, naive-retry
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-api-key": CLAUDE_KEY!,
        "anthropic-version": "2023-06-01",
      },
      body: JSON.stringify({
        model: "claude-sonnet-4-20250514",
        max_tokens: 1500,
        messages: [
          {
            role: "user",
            content: `Summarise building code ${code} for a site manager.\n\n${text.slice(0, 10000)}\n\nReply as JSON with "summary" and "duties".`,
          },
        ],
      }),
    });
    if (!res.ok) { // expect-not: string-matched-error
      console.error(`${code}: ${res.status} ${(await res.text()).slice(0, 150)}`);
      return null;
    }
    const data = await res.json();
    return JSON.parse((data.content?.[0]?.text ?? "").replace(/```(json)?/g, "").trim());
  } catch (err: any) {
    console.error(`${code}: ${err.message}`);
    return null;
  }
}

async function main() {
  const { data: sections } = await db.from("code_sections").select("id, code, body").is("summary", null);
  if (!sections) return;
  for (let i = 0; i < sections.length; i += SLICE) {
    const slice = sections.slice(i, i + SLICE);
    const done = await Promise.all( // expect-not: unbounded-fanout
      slice.map(async (s) => ({ id: s.id, result: await summarise(s.code, s.body) })),
    );
    for (const d of done) {
      if (d.result) await db.from("code_sections").update(d.result).eq("id", d.id);
    }
    await new Promise((r) => setTimeout(r, 1500));
  }
}

main();
