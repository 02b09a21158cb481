// realworld repro (module): the summariser imported by guide_backfill_swallowing_summariser.ts -- a provider
// cascade (a non-Claude provider first, then a raw fetch to the Messages endpoint on Haiku) whose every error is
// caught and logged before a plain-text fallback is returned; nothing is thrown to the caller
// source: beni10-uptune/oo-insights scripts/backfill-english-summaries.ts:93

export interface GuideSummary {
  original: string;
  english: string;
}

async function otherProviderSummarise(text: string): Promise<GuideSummary> {
  const res = await fetch("https://llm.example.invalid/v1/summarise", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.OTHER_LLM_KEY}` },
    body: JSON.stringify({ text, sentences: 3 }),
  });
  if (!res.ok) throw new Error(`other provider error: ${res.status}`);
  const data = (await res.json()) as { summary?: string };
  return { original: data.summary ?? "", english: data.summary ?? "" };
}

async function claudeSummarise(text: string, locale: string): Promise<GuideSummary> {
  const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, retries-disabled
    method: "POST",
    headers: {
      "x-api-key": process.env.ANTHROPIC_API_KEY ?? "",
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
    },
    body: JSON.stringify({
      model: "claude-3-haiku-20240307",
      max_tokens: 500,
      messages: [{ role: "user", content: `Summarise this ${locale} travel guide in English, three sentences:\n\n${text}` }],
    }),
  });
  if (!res.ok) throw new Error(`Anthropic API error: ${res.status}`);
  const data = (await res.json()) as { content?: Array<{ text?: string }> };
  const out = data.content?.[0]?.text?.trim() ?? "";
  return { original: out, english: out };
}

export async function summariseGuide(text: string, locale: string): Promise<GuideSummary> {
  if (process.env.OTHER_LLM_KEY) {
    try {
      return await otherProviderSummarise(text);
    } catch (err) {
      console.error("other provider failed:", err);
    }
  }
  if (process.env.ANTHROPIC_API_KEY) {
    try {
      return await claudeSummarise(text, locale);
    } catch (err) {
      console.error("Anthropic failed:", err);
    }
  }
  const fallback = text.replace(/<[^>]*>/g, "").slice(0, 200);
  return { original: fallback, english: `${fallback}...` };
}
