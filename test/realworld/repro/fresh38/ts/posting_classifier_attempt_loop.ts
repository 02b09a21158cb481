// realworld repro (positive + negative): naive-retry -- a classifier gives each posting two attempts, meant for bad
// JSON, but the try around the model call catches every error, counts it and continues at once, so a 429 from the
// Anthropic create (reached through a same-file provider switch and helper) is re-sent immediately with no wait and
// no retry-after, on a client that keeps the SDK's retries; the short constant system prompt is under any cacheable
// minimum and the model comes from configuration
// source: ITalik-gr/job-radar src/pipeline/classify.ts:283
// source: ITalik-gr/job-radar src/pipeline/classify.ts:114
// source: ITalik-gr/job-radar src/pipeline/classify.ts:287
// source: ITalik-gr/job-radar src/pipeline/classify.ts:73
// source: ITalik-gr/job-radar src/pipeline/classify.ts:74
import Anthropic from "@anthropic-ai/sdk";

const settings = {
  provider: process.env.LLM_PROVIDER ?? "anthropic",
  model: process.env.LLM_MODEL ?? "claude-haiku-4-5",
  key: process.env.ANTHROPIC_API_KEY ?? "",
  localUrl: process.env.LOCAL_LLM_URL ?? "http://localhost:8080/complete",
};

const RULES = `Read one job posting and reply with a JSON object {"is_job": bool, "role": string|null, "remote": bool|null, "score": 0-100}.
Use only what the text says; unknown fields are null. No prose around the object.`;

type Reply = { text: string; tokensIn: number; tokensOut: number };

let claude: Anthropic | null = null;

function claudeClient(): Anthropic {
  if (!settings.key) throw new Error("no Anthropic key configured");
  claude ??= new Anthropic({ apiKey: settings.key }); // expect-not: retries-disabled, hardcoded-api-key
  return claude;
}

async function askClaude(text: string, system = RULES): Promise<Reply> {
  const res = await claudeClient().messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
    model: settings.model,
    max_tokens: 800,
    temperature: 0,
    system,
    messages: [{ role: "user", content: text }],
  });
  const out = res.content.filter((b) => b.type === "text").map((b) => b.text).join("\n");
  return { text: out, tokensIn: res.usage.input_tokens, tokensOut: res.usage.output_tokens };
}

async function askLocal(text: string): Promise<Reply> {
  const res = await fetch(settings.localUrl, { method: "POST", body: JSON.stringify({ system: RULES, text }) });
  const body = (await res.json()) as { output: string };
  return { text: body.output, tokensIn: 0, tokensOut: 0 };
}

async function ask(text: string): Promise<Reply> {
  return settings.provider === "local" ? askLocal(text) : askClaude(text);
}

const failures = { count: 0 };

export async function classifyPosting(
  text: string,
  caller: (t: string) => Promise<Reply> = ask,
): Promise<Record<string, unknown> | null> {
  let lastProblem = "";
  for (let attempt = 1; attempt <= 2; attempt++) { // expect: naive-retry
    let reply: Reply;
    try {
      reply = await caller(text);
    } catch (err) { // expect-not: string-matched-error
      lastProblem = err instanceof Error ? err.message : String(err);
      failures.count++;
      console.warn(`attempt ${attempt}: model call failed (${lastProblem})`);
      continue;
    }
    try {
      const start = reply.text.indexOf("{");
      const end = reply.text.lastIndexOf("}");
      return JSON.parse(reply.text.slice(start, end + 1)) as Record<string, unknown>;
    } catch (err) {
      lastProblem = err instanceof Error ? err.message : String(err);
    }
  }
  console.warn(`posting left for review: ${lastProblem}`);
  return null;
}
