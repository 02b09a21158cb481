// realworld repro (positive + negative): naive-retry -- a same-file withRetry(fn) (catch-all,
// doubling wait plus jitter) wraps a messages.create; the Promise.all over files awaits a local
// gate's acquire() before each call
// source: ApexForge13/4Margin scripts/ingest-training-photos.js:160
// source: ApexForge13/4Margin scripts/ingest-training-photos.js:393
import Anthropic from '@anthropic-ai/sdk';
import { readFile } from 'node:fs/promises';

const TRIES = 4;

async function withRetry(fn, label, tries = TRIES) {
  for (let attempt = 1; attempt <= tries; attempt++) { // expect: naive-retry
    try {
      return await fn();
    } catch (err) {
      if (attempt === tries) throw err;
      const wait = 2 ** attempt * 1000 + Math.random() * 400;
      console.warn(`${label}: attempt ${attempt} failed, waiting ${Math.round(wait)} ms`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

class Gate {
  constructor(size) {
    this.size = size;
    this.busy = 0;
    this.waiting = [];
  }

  async acquire() {
    if (this.busy < this.size) {
      this.busy++;
      return;
    }
    await new Promise((resolve) => this.waiting.push(resolve));
  }

  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy--;
  }
}

async function tagPhoto(client, path) {
  const data = (await readFile(path)).toString('base64');
  return withRetry(async () => {
    const reply = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 300,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data } },
            { type: 'text', text: 'Is this a roof? Answer yes or no and why.' },
          ],
        },
      ],
    });
    return reply.content[0].text;
  }, path);
}

async function main(paths) {
  const client = new Anthropic();
  const gate = new Gate(4);
  const jobs = paths.map(async (path) => {
    await gate.acquire();
    try {
      console.log(path, await tagPhoto(client, path));
    } finally {
      gate.release();
    }
  });
  await Promise.all(jobs); // expect-not: unbounded-fanout
}

main(process.argv.slice(2));
