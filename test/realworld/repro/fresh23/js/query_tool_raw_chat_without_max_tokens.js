// realworld repro (positive + negative): missing-max-tokens -- a browser-side service object posts chat turns to the
// Messages endpoint with raw fetch, its base URL held in a module constant; the chat body carries the caller's
// messages and an Opus 3 model but no max_tokens, so the API answers every turn with a 400; look-alikes: a key probe
// whose body has max_tokens 1 and a constant one-word message (no routing advice for a probe), a catch that returns
// false, a non-ok check that throws a fixed error, the key passed in
// source: tysull1923/Generative-Sequential-Query-Tool src/services/anthropic.js:25
// source: tysull1923/Generative-Sequential-Query-Tool src/services/anthropic.js:6
// source: tysull1923/Generative-Sequential-Query-Tool src/services/anthropic.js:19
// source: tysull1923/Generative-Sequential-Query-Tool src/services/anthropic.js:38
const MESSAGES_BASE = "https://api.anthropic.com/v1";

export const sequenceService = {
  async keyWorks(userKey) {
    try {
      const res = await fetch(`${MESSAGES_BASE}/messages`, { // expect-not: missing-max-tokens, model-routing, nonstreaming-max-tokens
        method: "POST",
        headers: { "x-api-key": userKey, "anthropic-version": "2023-06-01" },
        body: JSON.stringify({
          messages: [{ role: "user", content: "ping" }],
          model: "claude-3-opus-20240229",
          max_tokens: 1,
        }),
      });
      return res.status === 200;
    } catch (err) { // expect-not: naive-retry
      return false;
    }
  },

  async nextTurn(history, userKey) {
    const res = await fetch(`${MESSAGES_BASE}/messages`, { // expect: missing-max-tokens; expect-not: model-routing, batchable-fanout
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "x-api-key": userKey,
        "anthropic-version": "2023-06-01",
      },
      body: JSON.stringify({
        messages: history,
        model: "claude-3-opus-20240229",
      }),
    });
    if (!res.ok) {
      throw new Error("chat request failed"); // expect-not: string-matched-error
    }
    return res.json();
  },
};
