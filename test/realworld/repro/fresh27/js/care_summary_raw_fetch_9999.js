// realworld repro (negative): a care-agency summary helper sends one raw-HTTP Messages request per participant
// summary, not streamed, at max_tokens 9,999 (under the 21,333 bound) with a constant system prompt of some
// 700 characters (far below any cache minimum); a non-ok response is thrown, nothing is retried, the key
// comes from the environment
// source: Knightingale-Knights/support-summary lib/claude.js:50
// source: Knightingale-Knights/support-summary lib/claude.js:54
const GUIDE = `You write a short visit summary for a home-care coordinator.
You receive the client's name, the service type and dated visit notes from the past quarter.
Answer with JSON only, shaped like this:

{
  "overview": "one or two sentences",
  "visits": [ { "date": "DD/MM", "note": "one sentence" } ],
  "themes": [ { "title": "theme", "text": "one to three sentences" } ],
  "concerns": [ "short concern" ],
  "nextSteps": [ "short next step" ]
}

Rules:
- Use only what the notes say; invent no events, names or diagnoses.
- Pick three to five themes that really appear in the notes.
- Keep the wording plain, kind and centred on the person.
- Leave a list empty rather than guess.`;

function buildVisitText({ clientName, service, notes }) {
  const lines = notes.map((v) => `${v.date}: ${v.text}`).join("\n");
  return `Client: ${clientName}\nService: ${service || "unspecified"}\nVisits: ${notes.length}\n\n${lines}`;
}

async function summariseVisits({ clientName, service, notes }) {
  if (!process.env.ANTHROPIC_API_KEY) throw new Error("ANTHROPIC_API_KEY missing");

  const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: nonstreaming-max-tokens, uncached-prompt, naive-retry, string-matched-error, batchable-fanout, model-routing, unbounded-fanout, missing-max-tokens
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-api-key": process.env.ANTHROPIC_API_KEY, // expect-not: hardcoded-api-key
      "anthropic-version": "2023-06-01",
    },
    body: JSON.stringify({
      model: process.env.SUMMARY_MODEL || "claude-sonnet-5",
      max_tokens: 9999,
      system: GUIDE,
      messages: [{ role: "user", content: buildVisitText({ clientName, service, notes }) }],
    }),
  });

  if (!res.ok) throw new Error(`summary request failed: ${res.status} ${await res.text()}`);
  const body = await res.json();
  const block = (body.content || []).find((b) => b.type === "text");
  if (!block) throw new Error("no text in the reply");
  return JSON.parse(block.text.replace(/```json|```/g, "").trim());
}

module.exports = { summariseVisits };
