// realworld repro (positive): naive-retry -- an agent class profiles a code repository with one create (config
// model, 4096 tokens, no system prompt) run through withClaudeRetry imported from a sibling module, which retries
// 429s and 5xx with a capped doubling wait and jitter and never reads retry-after, on a client that keeps the SDK's
// default retries
// source: raymondlei90s/ContextEngine src/agents/repo-analyzer.ts:223
// source: raymondlei90s/ContextEngine src/agents/repo-analyzer.ts:224
import Anthropic from "@anthropic-ai/sdk";
import { withClaudeRetry } from "./repo_profile_agent_retry";

const MODEL = process.env.PROFILE_MODEL ?? "claude-sonnet-4-5";

export class RepoProfileAgent {
  private client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

  async profile(listing: string, readme: string): Promise<unknown> {
    const prompt = `Describe this repository as JSON {"kind", "language", "audience"}.\n\nFiles:\n${listing}\n\nREADME:\n${readme.slice(0, 2000)}`;
    const response = await withClaudeRetry(async () => { // expect: naive-retry
      return await this.client.messages.create({ // expect-not: model-routing, uncached-prompt
        model: MODEL,
        max_tokens: 4096,
        messages: [{ role: "user", content: prompt }],
      });
    });
    const block = response.content[0];
    if (block.type !== "text") throw new Error("unexpected block");
    const match = block.text.match(/\{[\s\S]*\}/);
    if (!match) throw new Error("no JSON in reply");
    return JSON.parse(match[0]);
  }
}
