// realworld repro (negative): unbounded-fanout -- Promise.all over chat-post drains, no Claude call inside
// source: anthropics/claude-quickstarts managed-agents/chat-sdk/src/managed-agents.ts:325
import Anthropic from '@anthropic-ai/sdk';

export const client = new Anthropic();

interface Bubble {
  finish(): Promise<void>;
}

export async function closeAll(open: Map<string, Bubble>): Promise<void> {
  const pending = [...open.values()].map((b) => b.finish().catch(() => {}));
  open.clear();
  await Promise.all(pending); // expect-not: unbounded-fanout
}
