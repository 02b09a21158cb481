// realworld repro (positive + negative): naive-retry -- a pipeline helper tags one slice of security advisories with
// one Haiku create; its catch takes any error, sleeps a fixed 2 s and sends the same request once more, never
// reading retry-after, on a client that keeps the SDK's retries; the constant system prompt is far under Haiku's
// cacheable minimum (the source's loop over slices, labelled ignore for batchable-fanout, is left out)
// source: NitayDariel/threat-intel src/pipeline/classify.ts:114
// source: NitayDariel/threat-intel src/pipeline/classify.ts:103
// source: NitayDariel/threat-intel src/pipeline/classify.ts:121
// source: NitayDariel/threat-intel src/pipeline/classify.ts:152
import Anthropic from "@anthropic-ai/sdk";

interface Advisory {
  id: string;
  headline: string;
  body: string;
}

interface Tagged {
  id: string;
  tags: string[];
  failed?: boolean;
}

const TAGGER_SYSTEM = `You tag security advisories. For each advisory in the input array return {"i": index, "tags": [...]}
with tags drawn from: memory-safety, auth, injection, crypto, supply-chain, config, other. Reply with a JSON array only.`;

let shared: Anthropic | null = null;

function tagger(): Anthropic {
  const key = process.env.ANTHROPIC_API_KEY;
  if (!key) throw new Error("ANTHROPIC_API_KEY is not set");
  shared ??= new Anthropic({ apiKey: key }); // expect-not: retries-disabled, hardcoded-api-key
  return shared;
}

export async function tagSlice(slice: Advisory[]): Promise<Tagged[]> {
  const client = tagger();
  const payload = JSON.stringify(slice.map((a, i) => ({ i, headline: a.headline, body: a.body.slice(0, 1500) })));
  let text: string;
  try {
    const reply = await client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
      model: "claude-haiku-4-5-20251001",
      max_tokens: 3000,
      system: TAGGER_SYSTEM,
      messages: [{ role: "user", content: payload }],
    });
    text = reply.content.map((b) => (b.type === "text" ? b.text : "")).join("");
  } catch {
    try {
      await new Promise((r) => setTimeout(r, 2000));
      const reply = await client.messages.create({ // expect: naive-retry
        model: "claude-haiku-4-5-20251001",
        max_tokens: 3000,
        system: TAGGER_SYSTEM,
        messages: [{ role: "user", content: payload }],
      });
      text = reply.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    } catch (second) { // expect-not: string-matched-error
      console.error(`tagging failed for ${slice.length} advisories: ${(second as Error).message}`);
      return slice.map((a) => ({ id: a.id, tags: [], failed: true }));
    }
  }
  const rows = JSON.parse(text.match(/\[[\s\S]*\]/)?.[0] ?? "[]") as Array<{ i: number; tags: string[] }>;
  return slice.map((a, i) => ({ id: a.id, tags: rows.find((r) => r.i === i)?.tags ?? [] }));
}
