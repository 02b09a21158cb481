// realworld repro (positive): naive-retry + string-matched-error -- a usage-metering wrapper class
// retries create in a for loop with jittered exponential backoff whenever its isRateLimited method
// (status 429 or message text) says so; retry-after is never read
// source: puddle-brian/AIFilmScriptGenerator src/core/TrackedAnthropicAPI.js:116
// source: puddle-brian/AIFilmScriptGenerator src/core/TrackedAnthropicAPI.js:174
class MeteredClaude {
  constructor(client) {
    this.client = client;
    this.tries = Number(process.env.CLAUDE_TRIES) || 3;
  }

  isRateLimited(error) {
    return error.status === 429 || error.message?.toLowerCase().includes('rate limit');
  }

  pause(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  async send(body, who) {
    let last;
    for (let attempt = 0; attempt <= this.tries; attempt++) { // expect: naive-retry
      try {
        const reply = await this.client.messages.create(body);
        this.record(who, reply.usage);
        return reply;
      } catch (error) {
        last = error;
        if (this.isRateLimited(error)) { // expect: string-matched-error
          if (attempt < this.tries) {
            await this.pause(Math.min(1000 * 2 ** attempt, 30000) + Math.random() * 1000);
            continue;
          }
        } else {
          break;
        }
      }
    }
    throw last;
  }

  record(who, usage) {
    console.log(who, usage?.output_tokens);
  }
}

module.exports = { MeteredClaude };
