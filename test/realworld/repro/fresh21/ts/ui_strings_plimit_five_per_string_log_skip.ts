// realworld repro (negative): unbounded-fanout -- an exported function sends one create per UI string through
// Promise.all over the strings, each callback run inside a p-limit(5) limiter; failures are logged and skipped;
// look-alikes: model and key passed in, 1,024 tokens, no system prompt, the error text only logged. (The per-string
// fan-out itself is labelled `ignore` for batchable-fanout: an exported function the file never calls.)
// source: SaidKSI/localize-core src/ai/anthropic.ts:48
// source: SaidKSI/localize-core src/ai/anthropic.ts:55
// source: SaidKSI/localize-core src/ai/anthropic.ts:60
// source: SaidKSI/localize-core src/ai/anthropic.ts:43
import Anthropic from "@anthropic-ai/sdk";
import pLimit from "p-limit";

export async function nameAndTranslate(strings: string[], model: string, apiKey: string) {
  const client = new Anthropic({ apiKey }); // expect-not: retries-disabled, hardcoded-api-key
  const gate = pLimit(5);
  const answers = new Map<string, string>();
  await Promise.all( // expect-not: unbounded-fanout
    strings.map((s) =>
      gate(async () => {
        let reply: Anthropic.Message;
        try {
          reply = await client.messages.create({ // expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
            model,
            max_tokens: 1024,
            messages: [{ role: "user", content: `Suggest an i18n key and translations for: ${s}` }],
          });
        } catch (err) { // expect-not: naive-retry, string-matched-error
          console.error(`failed for "${s}": ${String(err)}`);
          return;
        }
        const first = reply.content[0];
        answers.set(s, first?.type === "text" ? first.text : "");
      }),
    ),
  );
  return answers;
}
