// realworld repro (negative): a Node service posts one Sonnet 4 request per user-started analysis to the Messages
// URL with the https module, max_tokens 16,000 taken from a constructor field and a 300 s socket timeout, and
// reports progress to the caller; look-alikes: a large non-streaming max_tokens on raw HTTP (no SDK limit applies,
// and it is below the SDK's 21,333 anyway), a success test on the numeric status whose failure branch only forwards
// the API's message, regexes that split the reply into sections, a short constant system prompt, no retry, no loop
// source: NoahKandy/reddit-market-research-app src/services/claudeService.js:71
// source: NoahKandy/reddit-market-research-app src/services/claudeService.js:77
// source: NoahKandy/reddit-market-research-app src/services/claudeService.js:160
// source: NoahKandy/reddit-market-research-app src/services/claudeService.js:13
const https = require("https");

class SurveyInsights {
  constructor() {
    this.key = process.env.ANTHROPIC_API_KEY || null; // expect-not: hardcoded-api-key
    this.model = "claude-sonnet-4-20250514";
    this.limit = 16000;
  }

  send(userText, system) {
    return new Promise((resolve, reject) => {
      const payload = JSON.stringify({
        model: this.model,
        max_tokens: this.limit,
        system,
        messages: [{ role: "user", content: userText }],
      });
      const req = https.request( // expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, naive-retry, retries-disabled
        {
          hostname: "api.anthropic.com",
          path: "/v1/messages",
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-api-key": this.key,
            "anthropic-version": "2023-06-01",
            "content-length": Buffer.byteLength(payload),
          },
        },
        (res) => {
          let body = "";
          res.on("data", (part) => (body += part));
          res.on("end", () => {
            try {
              const parsed = JSON.parse(body);
              if (res.statusCode === 200) { // expect-not: string-matched-error
                resolve(parsed);
              } else {
                reject(new Error(parsed.error?.message || `HTTP ${res.statusCode}`));
              }
            } catch (e) {
              reject(new Error("unreadable response"));
            }
          });
        },
      );
      req.on("error", reject);
      req.setTimeout(300000, () => {
        req.destroy();
        reject(new Error("timed out"));
      });
      req.write(payload);
      req.end();
    });
  }

  async analyse(answers, onProgress) {
    onProgress?.("sending");
    const reply = await this.send(
      `Survey answers:\n${answers.join("\n---\n")}\n\nWrite === THEMES ===, === QUOTES === and === ACTIONS === sections.`,
      "You are a customer-research analyst. Quote respondents exactly and group what they say into themes.",
    );
    const text = reply.content[0]?.text || "";
    const themes = text.match(/=== THEMES ===([\s\S]*?)(?==== QUOTES|$)/i); // expect-not: string-matched-error
    onProgress?.("done");
    return { text, themes: themes ? themes[1].trim() : "" };
  }
}

module.exports = new SurveyInsights();
