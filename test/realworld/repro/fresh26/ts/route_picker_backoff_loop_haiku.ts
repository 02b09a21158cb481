// realworld repro (positive + negative): naive-retry -- a routing adapter asks Claude to pick one branch id: an
// attempt loop calls a same-file method that sleeps an exponential delay with jitter before every later attempt
// and then makes the create; the catch goes round again on status 429 and on any other error until the last
// attempt, retry-after is never read, and the client keeps the SDK's default retries underneath; look-alikes: the
// 429 recognised by its numeric status (no text test), Haiku already for a one-id answer, a prompt built per
// decision (nothing constant to cache), one decision per step (nothing to batch), the key from the configuration
// source: HaruHunab1320/decision-pathfinder src/adapters/ClaudeAdapter.ts:35
// source: HaruHunab1320/decision-pathfinder src/adapters/ClaudeAdapter.ts:63
// source: HaruHunab1320/decision-pathfinder src/adapters/ClaudeAdapter.ts:134
// source: HaruHunab1320/decision-pathfinder src/adapters/ClaudeAdapter.ts:21
import Anthropic from "@anthropic-ai/sdk";

export interface RouteStep {
  nodeName: string;
  branches: { id: string; to: string }[];
  visited: string[];
}

export interface RoutePickerOptions {
  apiKey: string;
  model?: string;
  attempts?: number;
  baseDelayMs?: number;
}

export class RoutePicker {
  private readonly claude: Anthropic;
  private readonly model: string;
  private readonly attempts: number;
  private readonly baseDelayMs: number;

  constructor(opts: RoutePickerOptions) {
    this.claude = new Anthropic({ apiKey: opts.apiKey }); // expect-not: retries-disabled, hardcoded-api-key
    this.model = opts.model ?? "claude-haiku-4-5";
    this.attempts = opts.attempts ?? 3;
    this.baseDelayMs = opts.baseDelayMs ?? 1000;
  }

  async pick(step: RouteStep): Promise<string> {
    const ids = step.branches.map((b) => b.id);
    const question = this.describe(step);
    let last = "";

    for (let attempt = 0; attempt <= this.attempts; attempt++) { // expect: naive-retry
      const text = attempt === 0 ? question : `${question}\n\n"${last}" is not one of: ${ids.join(", ")}. Answer with one id.`;
      try {
        last = (await this.ask(text, attempt)).trim();
        const hit = ids.find((id) => last === id || last.includes(id));
        if (hit) return hit;
      } catch (err) {
        const status = (err as { status?: number }).status;
        if (status === 429 && attempt < this.attempts) { // expect-not: string-matched-error
          continue;
        }
        if (attempt === this.attempts) {
          throw new Error(`route picker gave up after ${this.attempts + 1} tries`);
        }
      }
    }
    throw new Error(`no valid branch among ${ids.join(", ")}; last answer "${last}"`);
  }

  private describe(step: RouteStep): string {
    const lines = [`Current node: ${step.nodeName}`, "Branches:"];
    step.branches.forEach((b, i) => lines.push(`${i + 1}. ${b.id} -> ${b.to}`));
    if (step.visited.length) lines.push(`Visited: ${step.visited.join(" -> ")}`);
    lines.push("Reply with the branch id only.");
    return lines.join("\n");
  }

  private async ask(text: string, attempt: number): Promise<string> {
    if (attempt > 0) {
      const wait = this.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() * 0.5);
      await new Promise((done) => setTimeout(done, wait));
    }
    const reply = await this.claude.messages.create({ // expect-not: model-routing, uncached-prompt, batchable-fanout, unbounded-fanout, missing-max-tokens, nonstreaming-max-tokens
      model: this.model,
      max_tokens: 150,
      messages: [{ role: "user", content: text }],
    });
    const block = reply.content.find((c) => c.type === "text");
    if (!block || block.type !== "text") throw new Error("no text in the reply");
    return block.text;
  }
}
