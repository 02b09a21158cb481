// realworld repro (negative): naive-retry, string-matched-error, model-routing -- a story-game service sends each
// player turn through a raw fetch inside a for loop of three attempts, but only connection drops (a socket error code
// or network words in the message) go round again; an HTTP error, 429 included, is turned into an Error and thrown at
// once; a 10-token key probe with a constant message on Sonnet is a check, not a per-item call
// source: ZGlassman0621/dnd-meta-game server/services/claude.js:100
// source: ZGlassman0621/dnd-meta-game server/services/claude.js:131
// source: ZGlassman0621/dnd-meta-game server/services/claude.js:31
// source: ZGlassman0621/dnd-meta-game server/services/claude.js:102
const ENDPOINT = "https://api.anthropic.com/v1/messages";
const STORY_MODEL = "claude-sonnet-4-20250514";

function jsonHeaders() {
  return {
    "Content-Type": "application/json",
    "x-api-key": process.env.ANTHROPIC_API_KEY,
    "anthropic-version": "2023-06-01",
  };
}

export async function probeKey() {
  if (!process.env.ANTHROPIC_API_KEY) return { ok: false };
  try {
    const res = await fetch(ENDPOINT, { // expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens
      method: "POST",
      headers: jsonHeaders(),
      body: JSON.stringify({
        model: STORY_MODEL,
        max_tokens: 10,
        messages: [{ role: "user", content: "Ping" }],
      }),
    });
    return { ok: res.ok };
  } catch (err) {
    return { ok: false, reason: err.message };
  }
}

export async function narrate(systemPrompt, turns, tries = 3) {
  const history = turns
    .filter((t) => t.role !== "system")
    .map((t) => ({ role: t.role === "assistant" ? "assistant" : "user", content: t.content }));

  let lastFailure;
  for (let attempt = 1; attempt <= tries; attempt++) { // expect-not: naive-retry
    try {
      const res = await fetch(ENDPOINT, { // expect-not: model-routing, uncached-prompt, batchable-fanout, nonstreaming-max-tokens
        method: "POST",
        headers: jsonHeaders(),
        body: JSON.stringify({
          model: STORY_MODEL,
          max_tokens: 2000,
          system: systemPrompt,
          messages: history,
        }),
      });
      if (!res.ok) {
        const body = await res.json();
        throw new Error(`story request failed: ${body.error?.message || "unknown"}`);
      }
      const data = await res.json();
      return data.content?.[0]?.text || "";
    } catch (err) {
      lastFailure = err;
      const dropped =
        err.cause?.code === "UND_ERR_SOCKET" ||
        err.message?.includes("fetch failed") || // expect-not: string-matched-error
        err.message?.includes("ECONNRESET");
      if (dropped && attempt < tries) {
        await new Promise((done) => setTimeout(done, Math.pow(2, attempt - 1) * 1000));
        continue;
      }
      throw err;
    }
  }
  throw lastFailure;
}
