// realworld repro (negative): raw Messages requests from two ordinary services -- a browser helper posts one
// uploaded photo plus a constant instruction to the Messages URL with a Vite-provided key and parses whatever comes
// back; a backend helper asks Haiku for one quiz question about an article with a short constant system prompt,
// throws on a non-OK status and wraps every error for the caller; look-alikes: 1,000 and 1,024 tokens, Sonnet on
// one image per upload, no loop anywhere, regexes over reply text (code fences, a fallback field parser), the key
// from configuration
// source: Gianluca-Agostino/tendercraft src/services/anthropic.ts:25
// source: Gianluca-Agostino/tendercraft src/services/anthropic.ts:3
// source: Gianluca-Agostino/tendercraft src/services/anthropic.ts:53
// source: Prathmesh-Dhatrak/readcheck-backend src/services/anthropic.ts:41
// source: Prathmesh-Dhatrak/readcheck-backend src/services/anthropic.ts:75
// source: Prathmesh-Dhatrak/readcheck-backend src/services/anthropic.ts:87
import { settings } from "./settings";

const BROWSER_KEY = import.meta.env.VITE_CLAUDE_KEY as string; // expect-not: hardcoded-api-key

const DESCRIBE = `You are an interior designer. Look at this room photo and answer ONLY with a JSON object:
{"style": "two or three words", "palette": ["#RRGGBB", "..."], "materials": ["..."], "mood": "one sentence"}
Give three to five palette colours.`;

export async function describeRoom(base64: string, mediaType: string) {
  const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, unbounded-fanout, uncached-prompt, naive-retry, retries-disabled
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-api-key": BROWSER_KEY,
      "anthropic-version": "2023-06-01",
      "anthropic-dangerous-direct-browser-access": "true",
    },
    body: JSON.stringify({
      model: "claude-sonnet-4-20250514",
      max_tokens: 1000,
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source: { type: "base64", media_type: mediaType, data: base64 } },
            { type: "text", text: DESCRIBE },
          ],
        },
      ],
    }),
  });
  const data = await res.json();
  const text = (data.content ?? []).map((b: { text?: string }) => b.text ?? "").join("");
  return JSON.parse(text.replace(/```json|```/g, "").trim()); // expect-not: string-matched-error
}

export async function quizFor(url: string, body: string) {
  const system =
    "You check whether someone read an article. Write one question about its main point and its answer. " +
    "Reply as JSON with 'question' and 'answer'.";
  try {
    const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: missing-max-tokens, model-routing, batchable-fanout, uncached-prompt, retries-disabled
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": settings.claudeKey, "anthropic-version": "2023-06-01" }, // expect-not: hardcoded-api-key
      body: JSON.stringify({
        model: "claude-3-haiku-20240307",
        system,
        max_tokens: 1024,
        messages: [{ role: "user", content: `Article at ${url}:\n\n${body}` }],
      }),
    });
    if (!res.ok) throw new Error(`Claude error: ${JSON.stringify(await res.json())}`);
    const data = await res.json();
    const text: string = data.content[0].text;
    try {
      return JSON.parse(text);
    } catch {
      const q = text.match(/["']?question["']?\s*:\s*["'](.+?)["']/); // expect-not: string-matched-error
      const a = text.match(/["']?answer["']?\s*:\s*["'](.+?)["']/);
      if (q && a) return { question: q[1], answer: a[1] };
      throw new Error("unreadable reply");
    }
  } catch (err) { // expect-not: naive-retry
    throw new Error(`quiz failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
