// realworld repro (negative): batchable-fanout, string-matched-error, naive-retry -- a daily cron route reads
// yesterday's forum posts, stops when they were already digested, and sends one raw-fetch Haiku request for the whole
// day (instructions after the posts in one user turn, no system prompt); a failed response is returned as a 500 with its
// body, no retry and no test of the text; the digest is stored as a page
// source: shrimp316/n-wiki app/api/cron/summarize/route.ts:74
// source: shrimp316/n-wiki app/api/cron/summarize/route.ts:88
// source: shrimp316/n-wiki app/api/cron/summarize/route.ts:77
import { NextRequest, NextResponse } from "next/server";
import { openDb } from "./digest_db";

export async function GET(req: NextRequest) {
  if (req.headers.get("authorization") !== `Bearer ${process.env.CRON_SECRET}`)
    return NextResponse.json({ error: "unauthorized" }, { status: 401 });

  const key = process.env.ANTHROPIC_API_KEY;
  if (!key) return NextResponse.json({ error: "missing key" }, { status: 500 });

  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const db = openDb();
  if (await db.isDigested(day)) return NextResponse.json({ ok: true, skipped: day });

  const posts = await db.postsOn(day);
  if (posts.length < 3) return NextResponse.json({ ok: true, skipped: "quiet day" });

  const transcript = posts.map((p) => `${p.author}: ${p.body}`).join("\n");
  const prompt = `Forum posts from ${day}:\n\n${transcript}\n\nWrite a short HTML digest: the main topics, the points people made, and what is still open.`;

  const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: batchable-fanout, unbounded-fanout, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, retries-disabled
    method: "POST",
    headers: {
      "x-api-key": key, // expect-not: hardcoded-api-key
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
    },
    body: JSON.stringify({
      model: "claude-haiku-4-5",
      max_tokens: 1000,
      messages: [{ role: "user", content: prompt }],
    }),
  });

  if (!res.ok) { // expect-not: string-matched-error, naive-retry
    const detail = await res.text();
    return NextResponse.json({ error: `digest failed: ${detail}` }, { status: 500 });
  }

  const body = await res.json();
  const html: string = body.content?.[0]?.text ?? "";
  await db.saveDigest(day, html.replace(/<script[\s\S]*?<\/script>/gi, ""));
  return NextResponse.json({ ok: true, day, posts: posts.length });
}
