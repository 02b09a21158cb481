// realworld repro (positive): naive-retry -- a CommonJS pipeline's Claude helper retries every
// failure (a 429 included) three times, waiting a linear 2 s x attempt, never reading retry-after
// source: suno7608/ai-trend-hub scripts/monthly/pipeline.js:21
const Anthropic = require('@anthropic-ai/sdk');

const TRIES = 3;
const nap = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function askForJson(client, system, prompt, limit = 6000, label = '') {
  for (let attempt = 1; attempt <= TRIES; attempt++) { // expect: naive-retry
    try {
      const reply = await client.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: limit,
        system,
        messages: [{ role: 'user', content: prompt }],
      });
      return JSON.parse(reply.content[0].text.trim());
    } catch (err) {
      console.warn(`${label} attempt ${attempt}/${TRIES}: ${err.message}`);
      if (attempt === TRIES) throw err;
      await nap(attempt * 2000);
    }
  }
}

async function runReport(themes) {
  const client = new Anthropic();
  const overview = await askForJson(client, 'You write monthly overviews as JSON.', JSON.stringify(themes), 6000, 'overview');
  return { overview };
}

module.exports = { runReport };
