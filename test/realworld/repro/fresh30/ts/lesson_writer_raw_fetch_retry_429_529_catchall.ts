// realworld repro (positive + negative): naive-retry, string-matched-error -- a lesson generator's helper sends one
// raw fetch to the Messages endpoint inside a for loop of three attempts; 429 and 529 wait two to the attempt seconds
// and any other failure thrown in the try is caught and retried after the same wait, never reading retry-after; a
// 400 whose body mentions max_tokens halves the budget and resends (not a rate-limit test)
// source: NicoHurtado/cursia lib/ai/anthropic.ts:62
// source: NicoHurtado/cursia lib/ai/anthropic.ts:101
import { lessonSystemPrompt, lessonUserPrompt } from "./lesson-prompts";

const MESSAGES_URL = "https://api.anthropic.com/v1/messages";

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export async function askForLesson({
  system,
  user,
  attempts = 3,
}: {
  system: string;
  user: string;
  attempts?: number;
}): Promise<string> {
  const key = process.env.ANTHROPIC_API_KEY;
  if (!key) {
    throw new Error("ANTHROPIC_API_KEY is missing");
  }

  const model = "claude-3-haiku-20240307";
  let budget = 4096;

  for (let attempt = 1; attempt <= attempts; attempt++) { // expect: naive-retry
    try {
      const res = await fetch(MESSAGES_URL, { // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        method: "POST",
        headers: {
          "x-api-key": key,
          "anthropic-version": "2023-06-01",
          "content-type": "application/json",
        },
        body: JSON.stringify({
          model,
          max_tokens: budget,
          system,
          messages: [{ role: "user", content: user }],
        }),
      });

      if (!res.ok) {
        const body = await res.text();
        if (res.status === 429 || res.status === 529) {
          if (attempt < attempts) {
            await pause(Math.pow(2, attempt) * 1000);
            continue;
          }
        }
        if (res.status === 400 && /max_tokens/i.test(body)) { // expect-not: string-matched-error
          const smaller = Math.max(512, Math.floor(budget / 2));
          if (smaller < budget) {
            budget = smaller;
            attempt -= 1;
            await pause(500);
            continue;
          }
        }
        throw new Error(`lesson request failed: ${res.status} ${body}`);
      }

      const data = (await res.json()) as { content: Array<{ text: string }> };
      if (!data.content || data.content.length === 0) {
        throw new Error("empty lesson reply");
      }
      return data.content[0].text;
    } catch (err) {
      if (attempt === attempts) {
        throw new Error(`lesson request failed after ${attempts} attempts: ${String(err)}`);
      }
      await pause(Math.pow(2, attempt) * 1000);
    }
  }

  throw new Error("unreachable");
}

export async function writeLesson(topic: string, unit: string): Promise<string> {
  return askForLesson({ system: lessonSystemPrompt(topic), user: lessonUserPrompt(topic, unit) });
}
