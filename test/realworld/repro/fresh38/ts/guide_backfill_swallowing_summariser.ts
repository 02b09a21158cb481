// realworld repro (negative): naive-retry -- pages are walked in small batches and a page's summary is requested
// again when the caught error has status 429 (the original tests the message for "429"), but the summariser
// imported from a sibling module catches every provider's error (the raw-fetch Anthropic branch included) and
// returns a fallback, so no rate-limit error ever reaches the retry branch
// source: beni10-uptune/oo-insights scripts/backfill-english-summaries.ts:82
// source: beni10-uptune/oo-insights scripts/backfill-english-summaries.ts:93
// source: beni10-uptune/oo-insights scripts/backfill-english-summaries.ts:70
import { summariseGuide, type GuideSummary } from "./guide_backfill_swallowing_summariser_ai";

const CHUNK = 5;

export async function summariseGuides(
  guides: Array<{ id: string; body: string; locale: string | null }>,
): Promise<Map<string, GuideSummary>> {
  const out = new Map<string, GuideSummary>();
  for (let start = 0; start < guides.length; start += CHUNK) {
    for (const guide of guides.slice(start, start + CHUNK)) { // expect-not: unbounded-fanout
      let attempt = 0;
      let finished = false;
      while (attempt < 3 && !finished) { // expect-not: naive-retry
        try {
          const summary = await summariseGuide(guide.body.slice(0, 4000), guide.locale ?? "en"); // expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt, retries-disabled
          out.set(guide.id, summary);
          finished = true;
        } catch (err) {
          const status = (err as { status?: number }).status;
          if (status === 429 && attempt < 2) {
            attempt++;
            await new Promise((r) => setTimeout(r, 2 ** attempt * 1000));
          } else {
            console.error(`guide ${guide.id} failed`, err);
            finished = true;
          }
        }
      }
    }
    await new Promise((r) => setTimeout(r, 5000));
  }
  return out;
}
