// realworld repro (positive + negative): batchable-fanout -- an offline script walks one slice of a
// country list, asks Sonnet for a topic write-up per country through a local helper and upserts each
// write-up with prisma inside the loop; a failed country is counted and skipped, nothing is resent
// source: RooJenkins/NewsMap scripts/generate-category-batch.ts:212
// source: RooJenkins/NewsMap scripts/generate-category-batch.ts:286
import Anthropic from '@anthropic-ai/sdk';
import { PrismaClient } from '@prisma/client';
import { readFileSync } from 'fs';

const db = new PrismaClient();
const places = JSON.parse(readFileSync('data/places.json', 'utf-8')) as Array<{ name: string }>;
const slice = places.slice(0, 25);

async function writeUp(place: { name: string }, topic: string): Promise<string> {
  const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const reply = await claude.messages.create({ // expect: batchable-fanout
    model: 'claude-sonnet-4-5',
    max_tokens: 3500,
    messages: [{ role: 'user', content: `Write a 500-word briefing on ${topic} in ${place.name}.` }],
  });
  return reply.content[0].type === 'text' ? reply.content[0].text : '';
}

async function run() {
  let failed = 0;
  for (let i = 0; i < slice.length; i++) { // expect-not: naive-retry
    const place = slice[i];
    try {
      const text = await writeUp(place, 'public transport');
      await db.placeNote.upsert({
        where: { name: place.name },
        create: { name: place.name, text },
        update: { text },
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } catch (err) {
      console.error(`skipped ${place.name}: ${err}`);
      failed++;
    }
  }
  console.log(`done, ${failed} failed`);
}

run().finally(() => db.$disconnect());
