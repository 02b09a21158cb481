// realworld repro (negative): string-matched-error -- class-based error checks, re-thrown for the agent's retry queue
// source: Mintplex-Labs/anything-llm server/utils/agents/aibitat/providers/anthropic.js:377
// source: Mintplex-Labs/anything-llm server/utils/agents/aibitat/providers/helpers/anthropicTooled.js:141
const Anthropic = require('@anthropic-ai/sdk');

class RetryLater extends Error {}

class ClaudeProvider {
  constructor() {
    this.client = new Anthropic();
  }

  async complete(messages) {
    try {
      const reply = await this.client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages });
      return reply.content;
    } catch (error) {
      if (error instanceof Anthropic.AuthenticationError) throw error;
      if (
        error instanceof Anthropic.RateLimitError || // expect-not: string-matched-error
        error instanceof Anthropic.InternalServerError
      ) {
        throw new RetryLater(error.message);
      }
      throw error;
    }
  }
}

module.exports = { ClaudeProvider, RetryLater };
