// realworld repro (negative): model-routing, batchable-fanout -- a tutoring app's service module answers each chat
// message with the configured model (default Sonnet) at 4,096 tokens and names each session with a second request
// already routed to Haiku at 32 tokens; one request per chat message or session, a lazily built default client
// source: janeswingler/legal-reasoning-ai server/services/anthropic.js:88
// source: janeswingler/legal-reasoning-ai server/services/anthropic.js:104
// source: janeswingler/legal-reasoning-ai server/services/anthropic.js:13
const Anthropic = require("@anthropic-ai/sdk");

const ANSWER_MODEL = process.env.TUTOR_MODEL || "claude-sonnet-4-5";
const NAMING_MODEL = process.env.TUTOR_NAMING_MODEL || "claude-haiku-4-5";

let sdk = null;

function claude() {
  if (!process.env.ANTHROPIC_API_KEY) throw new Error("ANTHROPIC_API_KEY missing");
  if (!sdk) sdk = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  return sdk;
}

function textOf(reply) {
  return (reply.content || [])
    .filter((b) => b.type === "text")
    .map((b) => b.text)
    .join("\n")
    .trim();
}

async function answer(history, course, question, { signal } = {}) {
  const turns = history.flatMap((h) => [
    { role: "user", content: h.question },
    { role: "assistant", content: h.answer },
  ]);
  turns.push({ role: "user", content: question });
  const reply = await claude().messages.create( // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
    {
      model: ANSWER_MODEL,
      max_tokens: 4096,
      system: `You help students of ${course} check their reasoning. Explain, do not decide real cases.`,
      messages: turns,
    },
    signal ? { signal } : undefined,
  );
  return textOf(reply);
}

async function nameSession(question, reply) {
  const out = await claude().messages.create({ // expect-not: model-routing, batchable-fanout, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    model: NAMING_MODEL,
    max_tokens: 32,
    system: "Give this conversation a three-to-five word title. Title only.",
    messages: [{ role: "user", content: `Q: ${question}\nA: ${reply.slice(0, 400)}` }],
  });
  return textOf(out) || null;
}

module.exports = { answer, nameSession };
