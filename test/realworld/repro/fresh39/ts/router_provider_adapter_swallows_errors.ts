// realworld repro (negative): naive-retry, string-matched-error -- a provider adapter that an app router (another
// module, not reproduced) calls once per user task sends one raw fetch Messages request with a configured model and
// limit; it never checks the status, and its catch re-throws only cancellations (by the error's name) and answers
// every other error with a local fallback, so no rate limit leaves it
// source: YagmurCemGul/Job-applier-webapp-AI ai-cv-builder/src/services/ai/providers/anthropic.provider.ts:19
// source: YagmurCemGul/Job-applier-webapp-AI ai-cv-builder/src/services/ai/providers/anthropic.provider.ts:43
// source: YagmurCemGul/Job-applier-webapp-AI ai-cv-builder/src/services/ai/providers/anthropic.provider.ts:8
interface ModelChoice {
  id: string;
  limit?: number;
}

interface TaskInput {
  system?: string;
  prompt?: string;
  limit?: number;
}

interface TaskOutput {
  ok: boolean;
  text: string;
}

export async function runOnClaude(choice: ModelChoice, task: TaskInput, signal?: AbortSignal): Promise<TaskOutput> {
  const key = process.env.CLAUDE_KEY; // expect-not: hardcoded-api-key
  if (!key) return offline(task);
  try {
    const res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: naive-retry, batchable-fanout, unbounded-fanout, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, retries-disabled
      method: "POST",
      headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({
        model: choice.id,
        system: task.system,
        messages: task.prompt ? [{ role: "user", content: task.prompt }] : [],
        max_tokens: task.limit ?? choice.limit ?? 4096,
      }),
      signal,
    });
    const data = await res.json();
    return { ok: true, text: data.content?.[0]?.text ?? "" };
  } catch (e: unknown) {
    if (e instanceof Error && e.name === "AbortError") throw e; // expect-not: string-matched-error
    return offline(task);
  }
}

function offline(task: TaskInput): TaskOutput {
  return { ok: true, text: `[offline] ${(task.prompt ?? "").slice(0, 500)}` };
}
