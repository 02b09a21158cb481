// realworld repro (negative): retries-disabled -- a client factory with maxRetries: 0; its callers
// live in other modules and retry with a policy of their own
// source: KartikeShukla/swiggy-mcp-demo src/lib/anthropic.ts:4
import Anthropic from '@anthropic-ai/sdk';

export function browserClient(apiKey: string): Anthropic {
  return new Anthropic({ apiKey, dangerouslyAllowBrowser: true, maxRetries: 0 }); // expect-not: retries-disabled
}
