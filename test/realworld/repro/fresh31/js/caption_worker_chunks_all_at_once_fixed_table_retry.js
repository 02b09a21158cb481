// realworld repro (positive + negative): unbounded-fanout, naive-retry -- a Worker that proofreads an uploaded caption
// file cuts it into chunks of 200 cues and sends every chunk at once with Promise.all over chunks.map (and a second
// pass over the chunks a regex picks, again all at once); each chunk goes through a generic fetch helper whose for
// loop re-sends on status 429 or 529, or on a thrown network error, after a fixed 2/4/8/16 s table, never reading
// retry-after; look-alikes: a numeric status comparison (not error text), a system block already carrying
// cache_control, the handler answering the waiting browser (not offline)
// source: sebyrollins/SRT cloudflare-worker/worker.js:396
// source: sebyrollins/SRT cloudflare-worker/worker.js:458
// source: sebyrollins/SRT cloudflare-worker/worker.js:709
// source: sebyrollins/SRT cloudflare-worker/worker.js:714
// source: sebyrollins/SRT cloudflare-worker/worker.js:766
const MESSAGES_URL = "https://api.anthropic.com/v1/messages";
const CUES_PER_CHUNK = 200;
const WAITS_MS = [2000, 4000, 8000, 16000];

const MODELS = {
  careful: { id: "claude-sonnet-4-5-20250929", budget: 16000 },
};

addEventListener("fetch", (event) => {
  event.respondWith(onRequest(event.request));
});

async function onRequest(request) {
  if (request.method !== "POST") {
    return new Response("method not allowed", { status: 405 });
  }
  const { captions } = await request.json();
  const fixed = await proofreadFile(captions);
  return new Response(JSON.stringify({ cues: fixed }), {
    headers: { "Content-Type": "application/json" },
  });
}

function splitCues(text) {
  return text
    .split(/\n\s*\n/)
    .map((block, i) => ({ n: i + 1, text: block.trim() }))
    .filter((cue) => cue.text.length > 0);
}

function needsStyleRules(chunk) {
  return chunk.some((cue) => /\.\.\.|\d{5,}/.test(cue.text));
}

async function proofreadFile(captions) {
  const cues = splitCues(captions);
  const chunks = [];
  for (let i = 0; i < cues.length; i += CUES_PER_CHUNK) {
    chunks.push(cues.slice(i, i + CUES_PER_CHUNK));
  }

  const firstPass = await Promise.all( // expect: unbounded-fanout
    chunks.map((chunk) => proofreadChunk(chunk, "spelling"))
  );

  const flagged = chunks.filter(needsStyleRules);
  const secondPass = await Promise.all( // expect: unbounded-fanout
    flagged.map((chunk) => proofreadChunk(chunk, "style"))
  );

  return [...firstPass.flat(), ...secondPass.flat()];
}

async function fetchWithBackoff(url, init, tries = 4) {
  for (let attempt = 0; attempt <= tries; attempt++) { // expect: naive-retry
    try {
      const res = await fetch(url, init);
      if (res.status === 429 || res.status === 529) { // expect-not: string-matched-error
        if (attempt < tries) {
          await new Promise((done) => setTimeout(done, WAITS_MS[attempt]));
          continue;
        }
      }
      return res;
    } catch (err) {
      if (attempt < tries) {
        await new Promise((done) => setTimeout(done, WAITS_MS[attempt]));
        continue;
      }
      throw err;
    }
  }
  throw new Error("out of attempts");
}

async function proofreadChunk(chunk, pass) {
  const model = MODELS.careful;
  const instructions =
    pass === "spelling"
      ? "Fix spelling and grammar in these captions. Reply with JSON: {\"cues\": [{\"n\": 1, \"text\": \"...\"}]}."
      : "Apply the house style (ellipsis character, thousands separators). Reply with the same JSON shape.";

  const res = await fetchWithBackoff(MESSAGES_URL, { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "x-api-key": CAPTION_KEY,
      "anthropic-version": "2023-06-01",
    },
    body: JSON.stringify({
      model: model.id,
      max_tokens: model.budget,
      system: [{ type: "text", text: instructions, cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: chunk.map((cue) => `${cue.n}\n${cue.text}`).join("\n\n") }],
    }),
  });

  if (!res.ok) {
    throw new Error(`proofreading failed: ${res.status} ${await res.text()}`);
  }
  const data = await res.json();
  return JSON.parse(data.content[0].text).cues;
}
