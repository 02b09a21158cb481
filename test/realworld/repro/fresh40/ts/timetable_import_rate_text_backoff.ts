// realworld repro (positive + negative): naive-retry, string-matched-error -- a route helper sends one Sonnet request
// per uploaded timetable (16,000 tokens, long instructions in the user turn with the extracted text) through a client
// imported from a sibling module, inside a for loop of three attempts; the catch decides a rate limit from the status,
// the message text or the body's error type and re-sends after 1.5 s then 3 s, never reading retry-after
// source: moplacer-dev/nola-tts lib/pdf-calendar-extractor.ts:203
// source: moplacer-dev/nola-tts lib/pdf-calendar-extractor.ts:294
// source: moplacer-dev/nola-tts lib/pdf-calendar-extractor.ts:205
// source: moplacer-dev/nola-tts lib/pdf-calendar-extractor.ts:1
import { claude } from "./timetable_import_shared_client"; // expect-not: hardcoded-api-key

export interface TimetableEntry {
  label: string;
  day: string;
  periods: number;
}

function instructionsFor(term: string, text: string): string {
  return [
    `List every lesson block in this timetable for the ${term} term.`,
    "Answer with JSON only: an object whose entries array holds label, day and periods.",
    "Leave out assemblies and clubs that do not replace lessons.",
    "",
    text,
  ].join("\n");
}

export async function importTimetable(text: string, term: string): Promise<TimetableEntry[]> {
  const prompt = instructionsFor(term, text);
  const attempts = 3;
  const firstPause = 1500;
  let failure: unknown;

  for (let attempt = 0; attempt < attempts; attempt++) { // expect: naive-retry; expect-not: unbounded-fanout
    try {
      const answer = await claude.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, retries-disabled
        model: "claude-sonnet-4-5",
        max_tokens: 16000,
        temperature: 0,
        messages: [{ role: "user", content: prompt }],
      });
      if (answer.stop_reason === "max_tokens") {
        throw new Error("the timetable was too long for one answer");
      }
      const block = answer.content[0];
      if (block.type !== "text") throw new Error("no text in the answer");
      const parsed = JSON.parse(block.text.replace(/```(json)?/g, "").trim()) as { entries?: TimetableEntry[] };
      return parsed.entries ?? [];
    } catch (error: unknown) {
      failure = error;
      const e = error as { status?: number; message?: string; error?: { type?: string } };
      const limited =
        e.status === 429 ||
        e.message?.includes("rate_limit") || // expect: string-matched-error
        e.error?.type === "rate_limit_error";
      if (limited && attempt < attempts - 1) {
        await new Promise((done) => setTimeout(done, firstPause * 2 ** attempt));
        continue;
      }
      throw error;
    }
  }
  throw failure;
}
