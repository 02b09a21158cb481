// realworld repro (negative): the module imported by guide_translations_imported_fields.ts -- one Sonnet create per
// text with a short constant system prompt, and per-record helpers that send a literal handful of those creates in
// a Promise.all (one per field of a single record): a fixed fan-out, not one request per data item
// source: davidbarrera75/digitra-news lib/ai/translate.ts:25
// source: davidbarrera75/digitra-news lib/ai/translate.ts:58
// source: davidbarrera75/digitra-news lib/ai/translate.ts:115
// source: davidbarrera75/digitra-news lib/ai/translate.ts:5
import Anthropic from "@anthropic-ai/sdk";

const anthropic = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key

const RENDER_SYSTEM = `You translate travel-guide copy from Portuguese into English.
Keep markup and place names as they are, and return only the translated text.`;

export async function renderEnglish(text: string, what: string): Promise<string> {
  if (!text.trim()) return "";
  const reply = await anthropic.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, naive-retry, string-matched-error
    model: "claude-sonnet-4-20250514",
    max_tokens: 8000,
    system: RENDER_SYSTEM,
    messages: [{ role: "user", content: `Translate this ${what}:\n\n${text}` }],
  });
  const first = reply.content[0];
  return first.type === "text" ? first.text : "";
}

export async function renderGuide(guide: {
  heading: string;
  intro?: string | null;
  bodyHtml: string;
  teaser?: string | null;
  seoTitle?: string | null;
}): Promise<{ headingEn: string; introEn: string | null; bodyHtmlEn: string; teaserEn: string | null; seoTitleEn: string | null }> {
  const [headingEn, introEn, bodyHtmlEn, teaserEn, seoTitleEn] = await Promise.all([ // expect-not: unbounded-fanout
    renderEnglish(guide.heading, "guide heading"),
    guide.intro ? renderEnglish(guide.intro, "guide intro") : Promise.resolve(null),
    renderEnglish(guide.bodyHtml, "guide body (HTML)"),
    guide.teaser ? renderEnglish(guide.teaser, "teaser") : Promise.resolve(null),
    guide.seoTitle ? renderEnglish(guide.seoTitle, "SEO title") : Promise.resolve(null),
  ]);
  return { headingEn, introEn, bodyHtmlEn, teaserEn, seoTitleEn };
}

export async function renderTip(tip: { heading: string; note?: string | null }): Promise<{ headingEn: string; noteEn: string | null }> {
  const [headingEn, noteEn] = await Promise.all([ // expect-not: unbounded-fanout
    renderEnglish(tip.heading, "tip heading"),
    tip.note ? renderEnglish(tip.note, "tip note") : Promise.resolve(null),
  ]);
  return { headingEn, noteEn };
}
