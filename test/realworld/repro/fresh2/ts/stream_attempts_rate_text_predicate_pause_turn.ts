// realworld repro (positive + negative): naive-retry and string-matched-error -- a research helper
// resumes after pause_turn in an outer loop and wraps each streamed call in an attempt loop that
// retries whatever a predicate accepts (status 429/529/5xx, or "rate_limit" / "overloaded" in the
// text) after a doubling wait, never retry-after; a JSON fix-up asks once more on a parse failure
// source: BissyA/kalshi-researcher src/lib/claude-client.ts:135
// source: BissyA/kalshi-researcher src/lib/claude-client.ts:28
// source: BissyA/kalshi-researcher src/lib/claude-client.ts:133
// source: BissyA/kalshi-researcher src/lib/claude-client.ts:137
// source: BissyA/kalshi-researcher src/lib/claude-client.ts:227
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();
const ATTEMPTS = 3;
const FIRST_WAIT_MS = 2000;

function worthAnotherTry(err: unknown): boolean {
  if (err instanceof Anthropic.APIError) {
    if (err.status === undefined) return true;
    if ([429, 500, 503, 529].includes(err.status)) return true;
  }
  const text = String(err instanceof Error ? err.message : JSON.stringify(err)).toLowerCase();
  return text.includes('overloaded') || text.includes('rate_limit');
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function research(question: string, maxTokens = 12000): Promise<string> {
  const history: Anthropic.Messages.MessageParam[] = [{ role: 'user', content: question }];
  let answer = '';
  for (let turn = 0; turn < 4; turn++) { // expect-not: naive-retry
    let reply!: Anthropic.Messages.Message;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) { // expect: naive-retry
      try {
        reply = await client.messages
          .stream({ // expect-not: nonstreaming-max-tokens
            model: 'claude-sonnet-4-5',
            max_tokens: maxTokens,
            messages: history,
          })
          .finalMessage();
        break;
      } catch (err) {
        if (attempt < ATTEMPTS - 1 && worthAnotherTry(err)) { // expect: string-matched-error
          await pause(FIRST_WAIT_MS * 2 ** attempt);
          continue;
        }
        throw err;
      }
    }
    for (const block of reply.content) {
      if (block.type === 'text') answer += block.text;
    }
    if (reply.stop_reason === 'pause_turn') {
      history.push({ role: 'assistant', content: reply.content });
      continue;
    }
    break;
  }
  return answer;
}

export async function researchJson(question: string): Promise<unknown> {
  const raw = await research(question);
  try {
    return JSON.parse(raw);
  } catch {
    const fixed = await research(`Return only valid JSON for this text:\n\n${raw}`); // expect-not: naive-retry
    return JSON.parse(fixed);
  }
}
