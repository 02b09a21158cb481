// realworld repro (negative): hardcoded-api-key -- an obvious non-key placeholder for a client that never calls out
// source: e2b-dev/e2b-cookbook examples/anthropic-managed-agents/javascript/src/webhook-runtime.ts:31
import Anthropic from '@anthropic-ai/sdk';

export const verifier = new Anthropic({ apiKey: 'unused-here' }); // expect-not: hardcoded-api-key
