// realworld repro (negative): naive-retry, string-matched-error -- a note-taking plugin adapter sends one raw Messages
// request through the editor's request helper with error statuses not thrown, turns any status of 400 or more into
// an app error carrying the body's message, and checks the key with a 10-token request; model and max_tokens come
// from the plugin settings
// source: ibrh96-prog/literature-review-synthesizer src/anthropic-adapter.ts:34
// source: ibrh96-prog/literature-review-synthesizer src/anthropic-adapter.ts:53
// source: ibrh96-prog/literature-review-synthesizer src/anthropic-adapter.ts:75
import { requestUrl } from "obsidian";

export class ClaudeNotesAdapter {
  constructor(
    private key: string,
    private model: string,
    private budget: number,
  ) {}

  async send(prompt: string, system: string): Promise<string> {
    const res = await requestUrl({ // expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
      url: "https://api.anthropic.com/v1/messages",
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-api-key": this.key, // expect-not: hardcoded-api-key
        "anthropic-version": "2023-06-01",
      },
      body: JSON.stringify({
        model: this.model,
        max_tokens: this.budget,
        system,
        messages: [{ role: "user", content: prompt }],
      }),
      throw: false,
    });
    if (res.status >= 400) { // expect-not: string-matched-error
      let detail = `status ${res.status}`;
      try {
        detail = res.json?.error?.message || detail;
      } catch {
        detail = res.text?.slice(0, 120) || detail;
      }
      throw new Error(`Claude request failed: ${detail}`);
    }
    return res.json.content[0].text;
  }

  async keyWorks(): Promise<boolean> {
    try {
      const res = await requestUrl({ // expect-not: model-routing, missing-max-tokens
        url: "https://api.anthropic.com/v1/messages",
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-api-key": this.key,
          "anthropic-version": "2023-06-01",
        },
        body: JSON.stringify({ model: this.model, max_tokens: 10, messages: [{ role: "user", content: "ping" }] }),
        throw: false,
      });
      return res.status <= 400;
    } catch {
      return false;
    }
  }
}
