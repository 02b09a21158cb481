// realworld repro (positive + negative): naive-retry and string-matched-error -- a shared helper, given
// the client by its callers, that on a 429 waits a fixed few seconds and sends the same request once
// more, never reading retry-after; the status is tested as a number
// source: goback-me/expense-tracker lib/claude-retry.ts:18
// source: goback-me/expense-tracker lib/claude-retry.ts:16
export async function createWithOneMoreTry(claude: any, request: any, pauseMs = 4000) {
  try {
    return await claude.messages.create(request); // expect-not: missing-max-tokens, nonstreaming-max-tokens
  } catch (err: any) {
    if (err?.status === 429) { // expect-not: string-matched-error
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      return await claude.messages.create(request); // expect: naive-retry
    }
    throw err;
  }
}
