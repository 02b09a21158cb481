// realworld repro (positive + negative): naive-retry, string-matched-error -- an agent runner paces its calls with a
// home-made token window, then sends each turn through a method whose for loop retries when the error's status is 429
// or its message mentions a rate limit, waiting 5 s then 10 s and never reading retry-after, on a client that keeps
// the SDK's retries; the agent's tool-use loop re-sends the conversation after tool results, and its outer catch
// only tests the numeric status to print advice
// source: bbinto/bb-chiefofstaff src/agent-runner.js:75
// source: bbinto/bb-chiefofstaff src/agent-runner.js:93
// source: bbinto/bb-chiefofstaff src/agent-runner.js:134
// source: bbinto/bb-chiefofstaff src/agent-runner.js:151
// source: bbinto/bb-chiefofstaff src/agent-runner.js:198
import Anthropic from '@anthropic-ai/sdk';

export class BriefingAgent {
  constructor(tools) {
    this.tools = tools;
    this.claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
    this.model = process.env.BRIEFING_MODEL || 'claude-sonnet-4-5';
    this.lastCall = 0;
    this.window = [];
  }

  pause(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  async pace() {
    const now = Date.now();
    this.window = this.window.filter((e) => e.at > now - 60000);
    const used = this.window.reduce((sum, e) => sum + e.tokens, 0);
    if (used > 20000) await this.pause(5000);
    else if (now - this.lastCall < 2000) await this.pause(2000 - (now - this.lastCall));
    this.lastCall = Date.now();
  }

  async send(params, tries = 3) {
    for (let attempt = 0; attempt < tries; attempt++) { // expect: naive-retry
      try {
        await this.pace();
        const reply = await this.claude.messages.create(params);
        this.window.push({ at: Date.now(), tokens: reply.usage?.input_tokens || 0 });
        return reply;
      } catch (error) {
        const limited = error.status === 429 ||
          error.message?.includes('rate_limit') || // expect: string-matched-error
          error.message?.includes('rate limit');
        if (limited && attempt < tries - 1) {
          await this.pause(Math.min(5000 * 2 ** attempt, 60000));
          continue;
        }
        throw error;
      }
    }
  }

  async run(task) {
    const messages = [{ role: 'user', content: `Prepare today's briefing. ${task}` }];
    const tools = this.tools.list().map((t) => ({ name: t.name, description: t.description, input_schema: t.schema }));
    try {
      let reply = await this.send({ model: this.model, max_tokens: 8000, tools, messages }); // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
      while (reply.stop_reason === 'tool_use') {
        const calls = reply.content.filter((b) => b.type === 'tool_use');
        const results = await Promise.all( // expect-not: unbounded-fanout
          calls.map(async (c) => ({ type: 'tool_result', tool_use_id: c.id, content: JSON.stringify(await this.tools.call(c.name, c.input)) })),
        );
        messages.push({ role: 'assistant', content: reply.content });
        messages.push({ role: 'user', content: results });
        reply = await this.send({ model: this.model, max_tokens: 8000, tools, messages });
      }
      return reply.content.filter((b) => b.type === 'text').map((b) => b.text).join('\n');
    } catch (error) {
      if (error.status === 429) console.error('rate limited: run fewer agents at once'); // expect-not: string-matched-error
      return null;
    }
  }
}
