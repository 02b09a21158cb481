// realworld repro (positive + negative): batchable-fanout -- a daily cron route (bearer secret, no signed-in user)
// walks the profiles that have no brief for today, reads each one's open items with three parallel database reads,
// awaits one Claude request per profile through a function imported from a sibling module (Sonnet, 500 tokens),
// upserts the brief and mails it; the loop's catch logs and moves on
// source: wysskz48mv-eng/pios src/app/api/cron/brief/route.ts:93
// source: wysskz48mv-eng/pios src/app/api/cron/brief/route.ts:63
// source: wysskz48mv-eng/pios src/app/api/cron/brief/route.ts:67
import { NextRequest, NextResponse } from "next/server";
import { createClient } from "@supabase/supabase-js";
import { askClaude } from "./morning_brief_claude_fetch";

export const maxDuration = 300;

function allowed(req: NextRequest): boolean {
  const secret = process.env.CRON_SECRET;
  return Boolean(secret) && req.headers.get("authorization") === `Bearer ${secret}`;
}

export async function GET(req: NextRequest) {
  if (!allowed(req)) return NextResponse.json({ error: "unauthorised" }, { status: 401 });
  const db = createClient(process.env.STORE_URL!, process.env.STORE_SERVICE_KEY!);
  const day = new Date().toISOString().slice(0, 10);

  const { data: people } = await db.from("members").select("id, name, email").limit(100);
  const { data: done } = await db.from("morning_notes").select("member_id").eq("note_date", day);
  const seen = new Set((done ?? []).map((d: { member_id: string }) => d.member_id));
  const waiting = (people ?? []).filter((p: { id: string }) => !seen.has(p.id));

  let written = 0;
  for (const person of waiting) { // expect-not: unbounded-fanout, naive-retry
    try {
      const [todos, classes, drafts] = await Promise.all([ // expect-not: unbounded-fanout
        db.from("todos").select("title,due").eq("member_id", person.id).limit(8),
        db.from("classes").select("title,deadline").eq("member_id", person.id).limit(5),
        db.from("drafts").select("title,words").eq("member_id", person.id).limit(5),
      ]);
      const context = JSON.stringify({ todos: todos.data, classes: classes.data, drafts: drafts.data });
      const note = await askClaude( // expect: batchable-fanout; expect-not: model-routing
        [{ role: "user", content: `Write my morning note.\n\n${context}` }],
        "You write a short, direct morning note from someone's open items. At most 200 words of prose.",
        500,
      );
      await db.from("morning_notes").upsert({ member_id: person.id, note_date: day, body: note }, { onConflict: "member_id,note_date" });
      if (person.email) {
        await fetch(process.env.MAIL_HOOK_URL!, { method: "POST", body: JSON.stringify({ to: person.email, text: note }) });
      }
      written++;
    } catch (err) {
      console.error("morning note failed", person.id, err);
    }
  }
  return NextResponse.json({ day, written });
}
