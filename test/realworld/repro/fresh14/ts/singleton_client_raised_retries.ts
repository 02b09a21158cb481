// realworld repro (negative): retries-disabled look-alike -- a singleton factory builds the client with maxRetries
// raised to 5; the key comes from the environment through the SDK
// source: sossost/market-analyst src/lib/anthropic-client.ts:16
import Anthropic from "@anthropic-ai/sdk";

let shared: Anthropic | null = null;

export function client(): Anthropic {
  if (shared == null) {
    shared = new Anthropic({ maxRetries: 5 }); // expect-not: retries-disabled, hardcoded-api-key
  }
  return shared;
}

export function resetClient(): void {
  shared = null;
}
