// realworld repro (negative): naive-retry -- a translation provider class sends one create per group of locale keys;
// when the reply is not valid JSON it writes a warning and asks once more, and an API error on either call is wrapped
// and thrown (the second ask follows a success, it does not retry a failure); look-alikes: catches that only copy
// the message, the system prompt handed in by the caller, the model from the provider config
// source: AugustinKimi/json-locale-translator src/providers/anthropic.ts:60
// source: AugustinKimi/json-locale-translator src/providers/anthropic.ts:48
// source: AugustinKimi/json-locale-translator src/providers/anthropic.ts:34
import Anthropic from "@anthropic-ai/sdk";

export class ClaudeLocaleProvider {
  constructor(private readonly settings: { model: string; apiKey?: string }) {}

  async render(entries: Record<string, string>, locale: string, rules: string): Promise<Record<string, string>> {
    const client = new Anthropic({ apiKey: this.settings.apiKey ?? process.env.ANTHROPIC_API_KEY });
    const ask = `Render these values in ${locale}; reply with one JSON object using the same keys.\n\n${JSON.stringify(entries)}`;

    const askOnce = async (): Promise<string> => {
      const out = await client.messages.create({ // expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model: this.settings.model,
        max_tokens: 4096,
        system: rules,
        messages: [{ role: "user", content: ask }],
      });
      const first = out.content[0];
      if (first.type !== "text") throw new Error("no text block");
      return first.text;
    };

    let text: string;
    try {
      text = await askOnce();
    } catch (err) { // expect-not: string-matched-error
      throw new Error(`locale request failed: ${err instanceof Error ? err.message : String(err)}`);
    }

    let result: Record<string, string>;
    try {
      result = JSON.parse(text);
    } catch {
      process.stderr.write("reply was not JSON, asking again\n");
      let again: string;
      try {
        again = await askOnce(); // expect-not: naive-retry
      } catch (err) {
        throw new Error(`second locale request failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      result = JSON.parse(again);
    }
    return result;
  }
}
