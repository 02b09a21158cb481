// realworld repro (positive): naive-retry -- a shared helper POSTs to /v1/messages in a for-attempt
// loop and, on a 429 status, waits a linear 15 s * (attempt + 1) before sending again; the retry-after
// header is never read (the pipeline script carries its own copy of the same loop)
// source: parabyte-ca/postnorth-social-pipeline utils/claude.js:23
// source: parabyte-ca/postnorth-social-pipeline run-pipeline.mjs:52
const TRIES = 4;
const STEP_MS = 15000;

export async function askClaude(env, { system, user, maxTokens = 1500 }) {
  const payload = {
    model: 'claude-sonnet-4-5',
    max_tokens: maxTokens,
    system,
    messages: [{ role: 'user', content: user }],
  };
  for (let attempt = 0; attempt <= TRIES; attempt++) { // expect: naive-retry
    const res = await fetch('https://api.anthropic.com/v1/messages', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': env.ANTHROPIC_API_KEY,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify(payload),
    });
    if (res.ok) {
      const data = await res.json();
      return data.content.filter((b) => b.type === 'text').map((b) => b.text).join('\n');
    }
    if (res.status === 429 && attempt < TRIES) {
      const wait = STEP_MS * (attempt + 1);
      console.log(`rate limited, sleeping ${wait / 1000}s`);
      await new Promise((r) => setTimeout(r, wait));
      continue;
    }
    throw new Error(`Claude error ${res.status}: ${await res.text()}`);
  }
  throw new Error('out of attempts');
}
