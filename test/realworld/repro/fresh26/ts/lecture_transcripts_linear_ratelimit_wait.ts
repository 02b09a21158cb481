// realworld repro (positive + negative): naive-retry + batchable-fanout -- a summariser class wraps its Sonnet create
// in a three-attempt loop: on RateLimitError it waits a fixed step times the attempt (linear), on
// InternalServerError a flat step, never reading retry-after, on a client that keeps the SDK's retries; a same-file
// runner walks every lecture still without a summary, one at a time, and saves each summary to the store;
// look-alikes: errors told apart by SDK classes (no text test), a constant instruction prefix of under 1,000
// characters before the transcript (nothing worth caching), 2,000 tokens non-streaming, Sonnet for a long
// structured summary (real work), sequential awaits (no unbounded fan-out), the key from the configuration
// source: esorey/bigger-pockets-brain src/processing/summarizer.ts:86
// source: esorey/bigger-pockets-brain src/processing/summarizer.ts:88
// source: esorey/bigger-pockets-brain src/processing/summarizer.ts:108
// source: esorey/bigger-pockets-brain src/processing/summarizer.ts:77
import Anthropic from "@anthropic-ai/sdk";

const NOTES_PROMPT = `You are writing study notes from a recorded university lecture.

Produce roughly 800 words in four parts:
1. OVERVIEW: what the lecture set out to explain and how it was structured.
2. KEY IDEAS: the main concepts, each with the lecturer's own example where one was given.
3. WORKED PROBLEMS: every problem solved on the board, step by step.
4. OPEN QUESTIONS: anything the lecturer left for the next session or for reading.

Keep the lecturer's terminology and quote formulas exactly.

Transcript:
`;

const ATTEMPTS = 3;
const STEP_MS = 4000;

interface Lecture {
  id: number;
  transcript: string | null;
}

interface LectureStore {
  pending(): Lecture[];
  saveNotes(id: number, notes: string): void;
}

const pause = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export class LectureNotes {
  private readonly claude: Anthropic;

  constructor(apiKey: string) {
    this.claude = new Anthropic({ apiKey }); // expect-not: retries-disabled, hardcoded-api-key
  }

  async notesFor(transcript: string): Promise<string | null> {
    const prompt = NOTES_PROMPT + transcript;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) { // expect: naive-retry
      try {
        const reply = await this.claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, nonstreaming-max-tokens, missing-max-tokens, unbounded-fanout
          model: "claude-sonnet-4-20250514",
          max_tokens: 2000,
          messages: [{ role: "user", content: prompt }],
        });
        const first = reply.content[0];
        return first && first.type === "text" ? first.text : null;
      } catch (err) {
        if (err instanceof Anthropic.RateLimitError) { // expect-not: string-matched-error
          await pause(STEP_MS * (attempt + 1));
          continue;
        }
        if (err instanceof Anthropic.InternalServerError) {
          await pause(STEP_MS);
          continue;
        }
        break;
      }
    }
    return null;
  }
}

export async function writeAllNotes(store: LectureStore, apiKey: string): Promise<number> {
  const writer = new LectureNotes(apiKey);
  let written = 0;
  for (const lecture of store.pending()) {
    if (!lecture.transcript) continue;
    const notes = await writer.notesFor(lecture.transcript);
    if (notes) {
      store.saveNotes(lecture.id, notes);
      written++;
    }
  }
  return written;
}
