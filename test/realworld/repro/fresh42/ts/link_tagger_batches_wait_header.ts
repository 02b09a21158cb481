// realworld repro (negative): naive-retry, unbounded-fanout -- bookmarks are cut into chunks and every chunk's task
// waits a local semaphore sized by configuration before calling the injected provider; the attempt loop waits the
// delay the provider took from retry-after when it throws the app's retryable error, and backs off exponentially only
// on other errors; the retryable error is recognised by class
// source: Afauria/bookmark-prune src/ai/batch.ts:89
// source: Afauria/bookmark-prune src/ai/batch.ts:66
// source: Afauria/bookmark-prune src/ai/batch.ts:101
// source: Afauria/bookmark-prune src/ai/batch.ts:91
import { WaitAndRetryError, type LinkProvider } from "./link_tagger_raw_provider";

export interface Link {
  id: string;
  url: string;
  title: string;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class Gate {
  private waiting: (() => void)[] = [];
  private busy = 0;
  constructor(private readonly limit: number) {}
  async enter(): Promise<void> {
    if (this.busy < this.limit) {
      this.busy++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  leave(): void {
    this.busy--;
    const next = this.waiting.shift();
    if (next) {
      this.busy++;
      next();
    }
  }
}

async function tagChunk(provider: LinkProvider, chunk: Link[], attempts: number): Promise<string> {
  const prompt = `Suggest up to three tags for each link, as JSON:\n${chunk.map((l) => `${l.url} ${l.title}`).join("\n")}`;
  let last: Error | null = null;
  for (let attempt = 0; attempt <= attempts; attempt++) { // expect-not: naive-retry
    try {
      return await provider.send(prompt); // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
    } catch (err) {
      last = err as Error;
      if (err instanceof WaitAndRetryError) { // expect-not: string-matched-error
        if (attempt < attempts) {
          await pause(err.waitMs);
          continue;
        }
      }
      if (attempt < attempts) await pause(1000 * 2 ** attempt);
    }
  }
  throw last ?? new Error("tagging failed");
}

export async function tagLinks(
  provider: LinkProvider,
  links: Link[],
  options: { size: number; concurrency: number; attempts: number },
): Promise<Map<string, string>> {
  const chunks: Link[][] = [];
  for (let i = 0; i < links.length; i += options.size) chunks.push(links.slice(i, i + options.size));
  const gate = new Gate(options.concurrency);
  const out = new Map<string, string>();
  const jobs = chunks.map((chunk) => async () => {
    await gate.enter();
    try {
      out.set(chunk[0].id, await tagChunk(provider, chunk, options.attempts));
    } finally {
      gate.leave();
    }
  });
  await Promise.all(jobs.map((job) => job())); // expect-not: unbounded-fanout
  return out;
}
