// realworld repro (negative): a module-level queue runs one Claude job at a time and spaces the starts to at most
// five a minute; an invoice-text extractor and an invoice-photo reader both go through it with Sonnet 3.5 at
// 1,000-1,500 tokens; look-alikes: requests that never run concurrently (no unbounded fan-out), no retry (the
// catch wraps the error and throws; the queue only paces), a constant instruction of about 700 characters before
// the document (below any cache minimum), per-document extraction with no loop in the file (nothing to batch),
// regexes that dig JSON out of the reply, the key from the environment
// source: bhukabase/Music-Catalog-Evaluator server/services/claude.ts:69
// source: bhukabase/Music-Catalog-Evaluator server/services/claude.ts:239
// source: bhukabase/Music-Catalog-Evaluator server/services/claude.ts:145
// source: bhukabase/Music-Catalog-Evaluator server/services/claude.ts:50
import Anthropic from "@anthropic-ai/sdk";

class PacedQueue {
  private jobs: Array<() => Promise<void>> = [];
  private running = false;
  private lastStart = 0;
  private readonly perMinute = 5;

  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.jobs.push(async () => {
        try {
          resolve(await job());
        } catch (err) {
          reject(err);
        }
      });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    const next = this.jobs.shift();
    if (!next) {
      this.running = false;
      return;
    }
    this.running = true;
    const wait = Math.max(0, this.lastStart + 60000 / this.perMinute - Date.now());
    await new Promise((done) => setTimeout(done, wait));
    this.lastStart = Date.now();
    await next();
    void this.drain();
  }
}

const queue = new PacedQueue();
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key

export interface InvoiceLine {
  supplier: string;
  amount: number;
  date: string;
}

export function readInvoiceText(text: string): Promise<InvoiceLine[]> {
  return queue.run(async () => {
    try {
      const reply = await claude.messages.create({ // expect-not: unbounded-fanout, naive-retry, batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model: "claude-3-5-sonnet-20241022",
        max_tokens: 1500,
        temperature: 0.2,
        messages: [
          {
            role: "user",
            content: `You read supplier invoices for a small bookkeeping office.

Extract every billed line you can see:
1. supplier: the company that issued the invoice, exactly as printed
2. amount: the line total in euros, as a decimal number
3. date: the invoice date as YYYY-MM-DD

Only report what is printed. Skip a line when any field is missing. Reply with a JSON array of
{"supplier": string, "amount": number, "date": "YYYY-MM-DD"} objects and nothing else.

Invoice:
${text}`,
          },
        ],
      });
      const out = reply.content[0].type === "text" ? reply.content[0].text : "";
      const arr = out.match(/\[\s*\{[\s\S]*\}\s*\]/); // expect-not: string-matched-error
      return JSON.parse(arr ? arr[0] : out) as InvoiceLine[];
    } catch (err) {
      throw new Error(`invoice text not read: ${(err as Error).message}`);
    }
  });
}

export function readInvoicePhoto(jpegBase64: string): Promise<InvoiceLine[]> {
  return queue.run(async () => {
    try {
      const reply = await claude.messages.create({ // expect-not: unbounded-fanout, naive-retry, batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
        model: "claude-3-5-sonnet-20241022",
        max_tokens: 1000,
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "List the supplier, line total and date of this invoice photo as a JSON array." },
              { type: "image", source: { type: "base64", media_type: "image/jpeg", data: jpegBase64 } },
            ],
          },
        ],
      });
      const out = reply.content[0].type === "text" ? reply.content[0].text : "";
      return JSON.parse(out) as InvoiceLine[];
    } catch (err) {
      throw new Error(`invoice photo not read: ${(err as Error).message}`);
    }
  });
}
