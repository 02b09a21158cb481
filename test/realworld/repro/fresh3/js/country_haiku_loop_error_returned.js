// realworld repro (positive + negative): batchable-fanout -- an offline script with a literal list of
// countries asks Haiku for one profile each through a helper that returns the error text instead of
// throwing; the loop upserts each profile with prisma and skips (without resending) the failures
// source: RooJenkins/NewsMap scripts/generate-realestate-complete.mjs:217
// source: RooJenkins/NewsMap scripts/generate-realestate-complete.mjs:251
import Anthropic from '@anthropic-ai/sdk';
import { PrismaClient } from '@prisma/client';

const db = new PrismaClient();
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

const countries = [
  { name: 'Portugal', capital: 'Lisbon' },
  { name: 'Kenya', capital: 'Nairobi' },
  { name: 'Chile', capital: 'Santiago' },
  { name: 'Vietnam', capital: 'Hanoi' },
  { name: 'Estonia', capital: 'Tallinn' },
  { name: 'Morocco', capital: 'Rabat' },
];

async function profile(country) {
  try {
    const reply = await claude.messages.create({ // expect: batchable-fanout
      model: 'claude-haiku-4-5',
      max_tokens: 2500,
      messages: [{ role: 'user', content: `Describe the rental market of ${country.name} (capital ${country.capital}).` }],
    });
    return { text: reply.content[0].type === 'text' ? reply.content[0].text : '', error: null };
  } catch (err) {
    return { text: '', error: String(err) };
  }
}

async function main() {
  let errors = 0;
  for (let i = 0; i < countries.length; i++) { // expect-not: naive-retry
    const country = countries[i];
    try {
      const { text, error } = await profile(country);
      if (error || !text) {
        errors++;
        continue;
      }
      await db.countryNote.upsert({
        where: { name: country.name },
        update: { text },
        create: { name: country.name, text },
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } catch (err) {
      errors++;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  console.log(`errors: ${errors}`);
}

main().finally(() => db.$disconnect());
