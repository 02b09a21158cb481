// realworld repro (positive + negative): naive-retry -- a video-script service class: one method runs a while loop
// of three attempts around the create whose catch takes every error, waits two to the attempt seconds and sends
// again; two others run two-attempt call-and-parse loops whose try holds the create and the JSON checks, so a rate
// limit that outlived the SDK's retries is swallowed and the create re-sent at once; the client keeps the SDK's own
// retries (the config's attempt count is the app loop's, not a client option); models and budgets come from config
// source: Shahdurran/Ai-cartoon-video-generator src/services/claudeService.js:61
// source: Shahdurran/Ai-cartoon-video-generator src/services/claudeService.js:420
// source: Shahdurran/Ai-cartoon-video-generator src/services/claudeService.js:495
// source: Shahdurran/Ai-cartoon-video-generator src/services/claudeService.js:11
const Anthropic = require("@anthropic-ai/sdk");
const settings = require("./settings");

class ClipScriptService {
  constructor() {
    this.client = new Anthropic({ apiKey: settings.claudeKey }); // expect-not: retries-disabled
    this.options = { ...settings.claude, attempts: 3 };
  }

  async writeScript({ topic, mood = "curious", budget = this.options.maxTokens }) {
    let attempt = 0;
    const attempts = this.options.attempts;

    while (attempt < attempts) { // expect: naive-retry
      try {
        attempt++;
        const reply = await this.client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
          model: this.options.model,
          max_tokens: budget,
          system: `You write short voiceover scripts. Mood: ${mood}.`,
          messages: [{ role: "user", content: `Write a script about: ${topic}` }],
        });
        return { script: reply.content[0].text, attempt };
      } catch (err) {
        console.error(`script attempt ${attempt} failed:`, err.message);
        if (attempt >= attempts) {
          throw new Error(`script failed after ${attempts} attempts: ${err.message}`);
        }
        await new Promise((done) => setTimeout(done, Math.pow(2, attempt) * 1000));
      }
    }
  }

  async planShots(topic, shotCount) {
    const system = `Split the story into exactly ${shotCount} shots. Reply with JSON only: {"shots": [{"n": 0, "picture": "...", "line": "..."}]}`;
    let lastError;

    for (let attempt = 1; attempt <= 2; attempt++) { // expect: naive-retry
      try {
        const reply = await this.client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing
          model: this.options.model,
          max_tokens: Math.max(this.options.maxTokens, 2048),
          system: attempt === 1 ? system : `${system}\nThe last reply was not valid JSON.`,
          messages: [{ role: "user", content: `Story: ${topic}` }],
        });
        const parsed = JSON.parse(reply.content[0].text);
        if (!Array.isArray(parsed.shots) || parsed.shots.length !== shotCount) {
          throw new Error("wrong number of shots");
        }
        return parsed.shots;
      } catch (err) {
        lastError = err;
        console.warn(`shot plan attempt ${attempt} failed: ${err.message}`);
      }
    }
    throw new Error(`shot plan failed: ${lastError && lastError.message}`);
  }

  async openingVariants(opening, count = 3) {
    for (let attempt = 1; attempt <= 2; attempt++) { // expect: naive-retry
      try {
        const reply = await this.client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens
          model: this.options.model,
          max_tokens: 1024,
          system: `Rewrite the opening lines in ${count} different ways. Reply with JSON: {"variants": ["..."]}`,
          messages: [{ role: "user", content: opening }],
        });
        const parsed = JSON.parse(reply.content[0].text);
        if (!Array.isArray(parsed.variants)) throw new Error("bad variants");
        return parsed.variants;
      } catch (err) {
        if (attempt === 2) throw new Error(`variants failed: ${err.message}`);
      }
    }
  }
}

module.exports = ClipScriptService;
