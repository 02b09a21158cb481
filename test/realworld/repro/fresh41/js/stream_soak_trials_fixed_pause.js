// realworld repro (negative): naive-retry, batchable-fanout -- a soak-test script runs the same streamed Haiku request
// (short system prompt, a remote tool server) a fixed number of times with a 3 s pause between trials, whatever each
// trial did; a failed stream is only recorded, the answers are counted and logged, nothing is stored
// source: rikuohirasawa/anthropic-error-min-repro anthropic.mjs:269
// source: rikuohirasawa/anthropic-error-min-repro anthropic.mjs:55
// source: rikuohirasawa/anthropic-error-min-repro anthropic.mjs:177
// source: rikuohirasawa/anthropic-error-min-repro anthropic.mjs:36
// source: rikuohirasawa/anthropic-error-min-repro anthropic.mjs:6
import Anthropic from '@anthropic-ai/sdk';

const SETTINGS = {
  key: process.env.ANTHROPIC_API_KEY, // expect-not: hardcoded-api-key
  toolServer: process.env.TOOL_SERVER_URL,
  trials: 4,
};

async function oneTrial(n) {
  const client = new Anthropic({ apiKey: SETTINGS.key }); // expect-not: retries-disabled
  let toolCalls = 0;
  try {
    const stream = client.beta.messages.stream( // expect-not: batchable-fanout, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, unbounded-fanout
      {
        model: 'claude-haiku-4-5',
        max_tokens: 2048,
        system: 'You are exercising a test tool server. Call its tools three times, then stop.',
        messages: [{ role: 'user', content: 'Begin with the first tool.' }],
        mcp_servers: [{ type: 'url', url: `${SETTINGS.toolServer}/mcp`, name: 'soak' }],
      },
      { headers: { 'anthropic-beta': 'mcp-client-2025-04-04' } },
    );
    stream.on('contentBlock', (block) => {
      if (block.type === 'mcp_tool_use') toolCalls++;
    });
    await stream.finalMessage();
    return { n, ok: toolCalls === 3, toolCalls };
  } catch (err) { // expect-not: string-matched-error
    console.log(`trial ${n} failed: ${err.message}`);
    return { n, ok: false, toolCalls };
  }
}

async function soak() {
  const outcomes = [];
  for (let n = 1; n <= SETTINGS.trials; n++) { // expect-not: naive-retry
    outcomes.push(await oneTrial(n));
    if (n < SETTINGS.trials) await new Promise((r) => setTimeout(r, 3000));
  }
  const good = outcomes.filter((o) => o.ok).length;
  console.log(`${good}/${outcomes.length} trials completed`);
  process.exit(good === outcomes.length ? 0 : 1);
}

soak().catch((e) => {
  console.error(e);
  process.exit(1);
});
