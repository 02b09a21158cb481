// realworld repro (positive + negative): batchable-fanout -- a weekly grant-matching job walks every eligible call
// published in the last week and, for each of up to five candidate partners, sends one Sonnet create with a forced
// tool (read only for its input), collecting the scores and upserting them into a Supabase table; nobody waits on a
// single pair; look-alikes: a long system prompt and the per-call profile already cached with cache_control, 1,200
// tokens for a rationale (not a short answer), sequential loops, a module client with default retries
// source: leowatts25/cooperatr app/lib/matcher.ts:266
// source: leowatts25/cooperatr app/lib/matcher.ts:429
// source: leowatts25/cooperatr app/lib/matcher.ts:23
import Anthropic from "@anthropic-ai/sdk";
import { createClient } from "@supabase/supabase-js";

const claude = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key

const JUDGE = `You assess whether a small firm is a credible partner for a public grant call.
Score 0-100 and explain in one paragraph, citing sector, country, size and track record.
Be strict: a firm that could win alone or has no distinctive edge scores low.
Always answer through the record_fit tool and nothing else.`;

const fitTool: Anthropic.Tool = {
  name: "record_fit",
  description: "Record the fit assessment.",
  input_schema: {
    type: "object",
    properties: { score: { type: "number" }, why: { type: "string" } },
    required: ["score", "why"],
  },
};

type Call = { id: string; title: string; country: string; summary: string };
type Firm = { id: string; name: string; country: string; about: string };
type Fit = { score: number; why: string };

async function judge(call: Call, firm: Firm): Promise<Fit> {
  const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: uncached-prompt, model-routing, missing-max-tokens, nonstreaming-max-tokens, naive-retry, unbounded-fanout
    model: "claude-sonnet-4-5",
    max_tokens: 1200,
    system: [
      { type: "text", text: JUDGE, cache_control: { type: "ephemeral" } },
      { type: "text", text: `Call: ${call.title} (${call.country})\n${call.summary}`, cache_control: { type: "ephemeral" } },
    ],
    tools: [fitTool],
    tool_choice: { type: "tool", name: "record_fit" },
    messages: [{ role: "user", content: `Firm: ${firm.name} (${firm.country})\n${firm.about}` }],
  });
  const block = reply.content.find((b) => b.type === "tool_use");
  if (!block || block.type !== "tool_use") throw new Error("no assessment");
  return block.input as Fit;
}

type Db = ReturnType<typeof createClient>;

async function scoreCall(db: Db, call: Call, firms: Firm[]): Promise<string[]> {
  const problems: string[] = [];
  const fits: Array<{ call_id: string; firm_id: string } & Fit> = [];
  for (const firm of firms.slice(0, 5)) {
    try {
      const fit = await judge(call, firm);
      fits.push({ call_id: call.id, firm_id: firm.id, ...fit });
    } catch (err) { // expect-not: string-matched-error
      problems.push(`${firm.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (fits.length > 0) {
    await db.from("call_fits").upsert(fits, { onConflict: "call_id,firm_id" });
  }
  return problems;
}

export async function scoreLastWeek(db: Db): Promise<number> {
  const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const { data: calls } = await db.from("grant_calls").select("*").eq("eligible", true).gte("published_at", since);
  const { data: firms } = await db.from("partner_firms").select("*").limit(500);
  let failures = 0;
  for (const call of (calls ?? []) as Call[]) {
    failures += (await scoreCall(db, call, (firms ?? []) as Firm[])).length;
  }
  return failures;
}
