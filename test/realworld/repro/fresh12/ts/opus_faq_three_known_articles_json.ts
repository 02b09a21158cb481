// realworld repro (negative): model-routing and batchable-fanout -- a hand-run script asks Opus for three to five
// FAQs per editorial with a 2000-token cap, looping over a fixed map of three known articles (or slugs named on
// the command line) and writing one JSON file; the per-article catch logs and moves on
// (corrected by tuneG to the original's shape: the targets chosen in an if/else, named slugs, all known, or by
// default the known slugs still without FAQs, `known.filter(...)`; it was a single ternary)
// source: WPOT-Hub/stevin-ai-website scripts/generate-faqs.ts:95
// source: WPOT-Hub/stevin-ai-website scripts/generate-faqs.ts:178
import Anthropic from '@anthropic-ai/sdk';
import * as fs from 'node:fs';

const MODEL = 'claude-opus-4-7';
const OUT = 'data/faqs.json';

const BODIES: Record<string, string> = {
  'pricing-myths': 'Pricing myths article body ...',
  'onboarding-lessons': 'Onboarding lessons article body ...',
  'churn-signals': 'Churn signals article body ...',
};

type Faq = { question: string; answer: string };

async function faqsFor(client: Anthropic, slug: string): Promise<Faq[]> {
  const prompt = `Extract three to five reader questions with short factual answers from this article.\nReturn only a JSON array.\n\n${BODIES[slug]}`;
  const res = await client.messages.create({ // expect-not: model-routing, batchable-fanout, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: MODEL,
    max_tokens: 2000,
    messages: [{ role: 'user', content: prompt }],
  });
  const text = res.content.map((b) => (b.type === 'text' ? b.text : '')).join('').trim();
  return JSON.parse(text) as Faq[];
}

async function main(): Promise<void> {
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const named = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const all = process.argv.includes('--all');
  const result: Record<string, Faq[]> = fs.existsSync(OUT) ? JSON.parse(fs.readFileSync(OUT, 'utf8')) : {};
  const known = Object.keys(BODIES);
  let slugs: string[];
  if (named.length > 0) {
    slugs = named;
  } else if (all) {
    slugs = known;
  } else {
    slugs = known.filter((s) => !result[s] || result[s].length === 0);
  }
  for (const slug of slugs) { // expect-not: naive-retry, unbounded-fanout
    try {
      result[slug] = await faqsFor(client, slug);
    } catch (err: any) {
      console.error(`${slug}: ${err.message}`);
    }
  }
  fs.writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
