// realworld repro (positive + negative): naive-retry and batchable-fanout -- a developer-machine generator: a same-file
// structured-output helper loops forever around a beta create and, on a numeric status 429/529/500, waits 2 s x
// 2^attempt (capped at 60 s) up to five times, never reading retry-after, on a client that keeps the SDK's retries; a
// worker pool sized by the CLI's concurrency option walks every topic, calls the helper twice per topic (the second
// request built from the first answer) and once per chapter, and writes everything to a JSON file; the status test is
// a number compare, the max_tokens a parameter the callers set to 16,000, the model a CLI option
// source: paukennick/AWS-Interview-Training- scripts/study/generate.mts:122
// source: paukennick/AWS-Interview-Training- scripts/study/generate.mts:124
// source: paukennick/AWS-Interview-Training- scripts/study/generate.mts:149
// source: paukennick/AWS-Interview-Training- scripts/study/generate.mts:169
// source: paukennick/AWS-Interview-Training- scripts/study/generate.mts:202
import Anthropic from "@anthropic-ai/sdk";
import { writeFileSync } from "node:fs";

interface Topic {
  id: string;
  title: string;
}

interface Chapter {
  id: string;
  topics: Topic[];
}

async function askJson<T>(llm: Anthropic, model: string, system: string, user: string, maxTokens: number): Promise<T> {
  let tries = 0;
  for (;;) { // expect: naive-retry
    try {
      const reply = await llm.beta.messages.create({ // expect: batchable-fanout; expect-not: model-routing, nonstreaming-max-tokens, uncached-prompt, missing-max-tokens
        model,
        max_tokens: maxTokens,
        system,
        messages: [{ role: "user", content: user }],
      });
      const text = reply.content.find((block) => block.type === "text");
      return JSON.parse(text && text.type === "text" ? text.text : "{}") as T;
    } catch (err) {
      const status = (err as { status?: number }).status;
      tries += 1;
      if ((status === 429 || status === 529 || status === 500) && tries <= 5) { // expect-not: string-matched-error
        await new Promise((done) => setTimeout(done, Math.min(60_000, 2_000 * 2 ** tries)));
        continue;
      }
      throw err;
    }
  }
}

async function poolMap<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let cursor = 0;
  async function lane() {
    for (;;) {
      const index = cursor++;
      if (index >= items.length) return;
      results[index] = await work(items[index]);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, lane)); // expect-not: unbounded-fanout
  return results;
}

export async function buildCourse(chapters: Chapter[], model: string, width: number, outFile: string): Promise<void> {
  const llm = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
  const notes: Record<string, unknown> = {};
  const topics = chapters.flatMap((chapter) => chapter.topics);
  await poolMap(topics, width, async (topic) => {
    const lesson = await askJson<{ teach: string }>(llm, model, "Write a short lesson as JSON.", topic.title, 16000);
    const quiz = await askJson<{ questions: string[] }>(llm, model, "Write four questions as JSON.", lesson.teach, 16000);
    notes[topic.id] = { lesson, quiz };
  });
  await poolMap(chapters, width, async (chapter) => {
    notes[`scenario:${chapter.id}`] = await askJson(llm, model, "Write a scenario as JSON.", chapter.id, 16000);
  });
  writeFileSync(outFile, JSON.stringify(notes, null, 2));
}

const width = Number(process.argv[3] ?? 4);
buildCourse(JSON.parse(process.argv[2] ?? "[]") as Chapter[], process.env.COURSE_MODEL ?? "claude-opus-5-5", width, "course.json").catch((err) => {
  console.error(err);
  process.exit(1);
});
