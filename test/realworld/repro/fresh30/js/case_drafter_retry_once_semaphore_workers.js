// realworld repro (positive + negative): naive-retry -- an eval-case drafting module sends a planning parse and then
// one worker parse per planned topic, each inside a two-attempt for loop whose catch lets a RateLimitError (also 5xx,
// connection and schema errors, judged by error class) earn one more try after a random 2-4 s sleep, never reading
// retry-after, on a default client that keeps the SDK's retries; look-alikes: Promise.all over the topics where every
// worker first waits on a same-file semaphore of four, Haiku workers, a shared context block already marked with
// cache_control, 2,048-4,096 tokens with a timeout (the source prints its drafts from a CLI; its per-facet
// batchable-fanout site is an ignore, so the drafts are returned to the caller here)
// source: iflygaca/Captain-Adel evals/gen-cases/generate.js:261
// source: iflygaca/Captain-Adel evals/gen-cases/generate.js:263
// source: iflygaca/Captain-Adel evals/gen-cases/generate.js:296
// source: iflygaca/Captain-Adel evals/gen-cases/generate.js:298
// source: iflygaca/Captain-Adel evals/gen-cases/generate.js:342
// source: iflygaca/Captain-Adel evals/gen-cases/generate.js:241
// source: iflygaca/Captain-Adel evals/gen-cases/generate.js:362
'use strict';

const Anthropic = require('@anthropic-ai/sdk');

const PLAN_MODEL = 'claude-sonnet-4-5';
const WORKER_MODEL = 'claude-haiku-4-5';
const LANES = 4;
const PAUSE_MS = 2000;

const PLAN_SYSTEM = 'Split the handbook chapter into distinct quiz topics, one checkable angle each, as JSON.';
const WORKER_SYSTEM = 'Write one quiz question with its expected answer terms, quoting the chapter exactly.';

class Gate {
  constructor(n) {
    this.open = n;
    this.waiting = [];
  }

  async enter() {
    if (this.open > 0) {
      this.open -= 1;
      return;
    }
    await new Promise((resolve) => this.waiting.push(resolve));
  }

  leave() {
    const next = this.waiting.shift();
    if (next) next();
    else this.open += 1;
  }
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function worthAnotherTry(err) {
  if (err instanceof Anthropic.RateLimitError) return true; // expect-not: string-matched-error
  if (err instanceof Anthropic.InternalServerError) return true;
  if (err instanceof Anthropic.APIConnectionError) return true;
  if (err instanceof Anthropic.APIError) return false;
  return true;
}

async function planTopics(client, chapter) {
  for (let attempt = 1; attempt <= 2; attempt++) { // expect: naive-retry
    try {
      const resp = await client.messages.parse({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
        model: PLAN_MODEL,
        max_tokens: 4096,
        system: PLAN_SYSTEM,
        messages: [{ role: 'user', content: chapter }],
      });
      return JSON.parse(resp.content[0].text).topics;
    } catch (err) {
      if (attempt === 2 || !worthAnotherTry(err)) throw err;
      await pause(PAUSE_MS + Math.random() * PAUSE_MS);
    }
  }
  throw new Error('unreachable');
}

async function draftOne(client, gate, topic, chapter) {
  const hard = topic.level === 'hard';
  await gate.enter();
  try {
    for (let attempt = 1; attempt <= 2; attempt++) { // expect: naive-retry
      try {
        const resp = await client.messages.parse( // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
          {
            model: hard ? PLAN_MODEL : WORKER_MODEL,
            max_tokens: hard ? 4096 : 2048,
            system: [
              { type: 'text', text: WORKER_SYSTEM },
              { type: 'text', text: chapter, cache_control: { type: 'ephemeral' } },
            ],
            messages: [{ role: 'user', content: `Topic ${topic.id}: ${topic.angle}` }],
          },
          { timeout: 90_000 },
        );
        return { ok: true, topic, text: resp.content[0].text };
      } catch (err) {
        if (attempt === 2 || !worthAnotherTry(err)) return { ok: false, topic, reason: String(err) };
        await pause(PAUSE_MS + Math.random() * PAUSE_MS);
      }
    }
    throw new Error('unreachable');
  } finally {
    gate.leave();
  }
}

async function draftChapter(chapter) {
  const client = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
  const topics = await planTopics(client, chapter);
  const gate = new Gate(LANES);
  return Promise.all(topics.map((t) => draftOne(client, gate, t, chapter))); // expect-not: unbounded-fanout
}

module.exports = { draftChapter };
