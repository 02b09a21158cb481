// realworld repro (positive + negative): naive-retry -- a shared client tries a chain of models; for each model an
// attempt loop around messages.create re-throws non-transient errors and otherwise waits a doubling 5 s (cap 60 s,
// no jitter) and sends again on 429/503/529 or an overloaded type, never reading retry-after, on a client that keeps
// the SDK's own retries; look-alikes: transience is decided by status and type fields (no text), params arrive
// through a spread, the outer loop is a model fallback chain rather than data, and the client has default retries
// source: hondoentertainment/hoops-intel scripts/lib/claude-client.mjs:53
// source: hondoentertainment/hoops-intel scripts/lib/claude-client.mjs:60
// source: hondoentertainment/hoops-intel scripts/lib/claude-client.mjs:55
// source: hondoentertainment/hoops-intel scripts/lib/claude-client.mjs:34
import Anthropic from '@anthropic-ai/sdk';

const CHAIN = ['claude-sonnet-4-6', 'claude-sonnet-4-20250514'];
const TRIES = 3;
const FIRST_PAUSE_MS = 5_000;
const LONGEST_PAUSE_MS = 60_000;

function worthAnotherGo(e) {
  const code = e?.status;
  return code === 429 || code === 503 || code === 529 || e?.error?.error?.type === 'overloaded_error';
}

let shared;
function claude() {
  if (!shared) shared = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
  return shared;
}

export async function askWithFallback(tag, params) {
  for (let m = 0; m < CHAIN.length; m++) {
    const model = CHAIN[m];
    for (let go = 1; go <= TRIES; go++) { // expect: naive-retry
      try {
        return await claude().messages.create({ ...params, model }); // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, uncached-prompt
      } catch (e) { // expect-not: string-matched-error
        if (!worthAnotherGo(e)) throw e;
        if (go === TRIES && m === CHAIN.length - 1) throw e;
        if (go === TRIES) {
          console.log(`${tag}: moving from ${model} to ${CHAIN[m + 1]}`);
          break;
        }
        const pause = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (go - 1));
        console.log(`${tag}: ${model} said ${e?.status}, again in ${pause / 1000}s`);
        await new Promise((r) => setTimeout(r, pause));
      }
    }
  }
  throw new Error('unreachable');
}
