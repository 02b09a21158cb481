// realworld repro (positive + negative): batchable-fanout and naive-retry -- an offline script sends one Haiku
// request per listing through a same-file worker pool of three, pushing each answer to an upsert batch and a JSON
// backup; the per-listing function catches any error and calls itself again after a linear wait (never reading
// retry-after), behind a per-minute pacer; look-alikes: the pool caps concurrency, the handler only logs the message
// source: BestDosage/retreatvault scripts/generate-faqs.ts:155
// source: BestDosage/retreatvault scripts/generate-faqs.ts:189
// source: BestDosage/retreatvault scripts/generate-faqs.ts:204
// source: BestDosage/retreatvault scripts/generate-faqs.ts:184
import Anthropic from '@anthropic-ai/sdk';
import * as fs from 'fs';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key

type Listing = { id: string; name: string; facts: string };

class Pacer {
  private stamps: number[] = [];
  constructor(private perMinute: number) {}
  async ready(): Promise<void> {
    const now = Date.now();
    this.stamps = this.stamps.filter((t) => now - t < 60_000);
    if (this.stamps.length >= this.perMinute) {
      await new Promise((r) => setTimeout(r, 60_000 - (now - this.stamps[0]) + 100));
    }
    this.stamps.push(Date.now());
  }
}

const pacer = new Pacer(40);

async function writeQuestions(item: Listing, tries = 0): Promise<string[]> {
  await pacer.ready();
  try {
    const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
      model: 'claude-haiku-4-5',
      max_tokens: 1200,
      messages: [{ role: 'user', content: `Listing: ${item.name}\n${item.facts}\n\nWrite six visitor questions as a JSON array of strings.` }],
    });
    const text = reply.content[0].type === 'text' ? reply.content[0].text : '[]';
    const list = JSON.parse(text);
    if (!Array.isArray(list) || list.length < 3) throw new Error('too few questions');
    return list;
  } catch (e: any) { // expect-not: string-matched-error
    if (tries < 2) {
      await new Promise((r) => setTimeout(r, (tries + 1) * 1500));
      return writeQuestions(item, tries + 1); // expect: naive-retry
    }
    throw e;
  }
}

async function inPool<T>(items: T[], job: (item: T) => Promise<void>, lanes: number) {
  let at = 0;
  async function lane() {
    while (at < items.length) {
      const k = at++;
      await job(items[k]);
    }
  }
  await Promise.all(Array.from({ length: lanes }, () => lane())); // expect-not: unbounded-fanout
}

async function main() {
  const listings: Listing[] = JSON.parse(fs.readFileSync('data/listings.json', 'utf-8'));
  const rows: { id: string; questions: string[] }[] = [];
  await inPool(listings, async (item) => {
    try {
      rows.push({ id: item.id, questions: await writeQuestions(item) });
    } catch (e: any) {
      console.log(`failed ${item.name}: ${e.message}`);
    }
  }, 3);
  fs.writeFileSync('data/questions.json', JSON.stringify(rows, null, 2));
}

main().catch(console.error);
