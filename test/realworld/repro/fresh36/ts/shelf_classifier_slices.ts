// realworld repro (positive + negative): batchable-fanout -- a shop-catalogue module walks every item in slices of
// five (Promise.all per slice, a pause between slices), calling a same-file helper that sends one Sonnet create per
// item at max_tokens 512 (above the classification-sized bound) and writes each answer to a cache; the module's
// caller is an offline script that shelves the whole catalogue
// source: Qmop1967/Clients-Console src/lib/ai/classifier.ts:117
// source: Qmop1967/Clients-Console src/lib/ai/classifier.ts:276
import Anthropic from "@anthropic-ai/sdk";
import { readShelving, saveShelving } from "./shelf_cache";

const PROMPT =
  'Put the item into one aisle: Produce, Bakery, Dairy, Pantry, Frozen or Household. Reply with JSON only: {"aisle": "...", "confidence": 0-100}.';

function makeClient(): Anthropic {
  const apiKey = process.env.ANTHROPIC_API_KEY;
  if (!apiKey) throw new Error("ANTHROPIC_API_KEY is not set");
  return new Anthropic({ apiKey }); // expect-not: retries-disabled, hardcoded-api-key
}

export interface Shelving {
  sku: string;
  aisle: string;
  confidence: number;
}

export async function shelveItem(sku: string, label: string): Promise<Shelving> {
  const known = await readShelving(sku);
  if (known) return known;
  const client = makeClient();
  try {
    const reply = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, naive-retry, missing-max-tokens, nonstreaming-max-tokens
      model: "claude-sonnet-4-20250514",
      max_tokens: 512,
      messages: [{ role: "user", content: [{ type: "text", text: PROMPT }, { type: "text", text: `Item: ${label}` }] }],
    });
    const block = reply.content.find((b) => b.type === "text");
    const parsed = JSON.parse(block && block.type === "text" ? block.text : "{}") as { aisle?: string; confidence?: number };
    const result: Shelving = { sku, aisle: parsed.aisle ?? "Household", confidence: parsed.confidence ?? 0 };
    await saveShelving(result);
    return result;
  } catch (err) {
    console.error(`could not shelve ${sku}`, err);
    return { sku, aisle: "Household", confidence: 0 };
  }
}

export async function shelveAll(
  items: Array<{ sku: string; label: string }>,
  options?: { size?: number; pauseMs?: number },
): Promise<Shelving[]> {
  const { size = 5, pauseMs = 1000 } = options || {};
  const out: Shelving[] = [];
  for (let i = 0; i < items.length; i += size) {
    const slice = items.slice(i, i + size);
    const done = await Promise.all(slice.map((it) => shelveItem(it.sku, it.label))); // expect-not: unbounded-fanout
    out.push(...done);
    if (i + size < items.length) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return out;
}
