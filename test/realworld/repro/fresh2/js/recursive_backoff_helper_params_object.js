// realworld repro (positive + negative): naive-retry -- a client class sends every create through a
// recursive helper that waits a doubling delay after a 429, 408 or 529 and calls itself again, never
// reading retry-after; the create gets a params object built with max_tokens just above it
// source: JKershaw/CodeWiki-Generator lib/claude.js:363
// source: JKershaw/CodeWiki-Generator lib/claude.js:176
const Anthropic = require('@anthropic-ai/sdk').default;

class NotesWriter {
  constructor() {
    this.client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
    this.firstPauseMs = 1500;
    this.tries = 4;
  }

  async write(topic, extraHeaders = {}) {
    const reply = await this.withBackoff(async () => {
      const body = {
        model: 'claude-haiku-4-5',
        max_tokens: 1500,
        messages: [{ role: 'user', content: `Write short study notes about ${topic}.` }],
      };
      return await this.client.messages.create(body, { headers: extraHeaders }); // expect-not: missing-max-tokens
    });
    return reply.content[0].text;
  }

  async withBackoff(run, attempt = 1) {
    try {
      return await run();
    } catch (err) {
      if (err.status === 401) throw err;
      const again = err.status === 429 || err.status === 408 || err.status === 529;
      if (again && attempt < this.tries) {
        await new Promise((resolve) => setTimeout(resolve, this.firstPauseMs * 2 ** (attempt - 1)));
        return await this.withBackoff(run, attempt + 1); // expect: naive-retry
      }
      throw err;
    }
  }
}

module.exports = NotesWriter;
