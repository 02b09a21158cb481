// realworld repro (negative): naive-retry, string-matched-error, missing-max-tokens and
// batchable-fanout -- an offline translation script retries 429/"rate limit" errors with a doubling
// wait, one call per verse, but every call goes to an OpenAI chat model, not Claude
// source: kennyeliason/plainenglishbom scripts/translate-to-language.ts:185
// source: kennyeliason/plainenglishbom scripts/translate-to-language.ts:206
// source: kennyeliason/plainenglishbom scripts/translate-to-language.ts:187
import OpenAI from 'openai';
import { readFileSync, writeFileSync } from 'fs';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

async function translate(text: string, language: string, tries = 4): Promise<string> {
  for (let attempt = 0; attempt < tries; attempt++) { // expect-not: naive-retry
    try {
      const res = await openai.chat.completions.create({ // expect-not: missing-max-tokens
        model: 'gpt-4.1',
        messages: [
          { role: 'system', content: `Translate into plain ${language}.` },
          { role: 'user', content: text },
        ],
        max_tokens: 800,
      });
      const out = res.choices[0]?.message?.content?.trim();
      if (!out) throw new Error('empty reply');
      return out;
    } catch (error: unknown) {
      const limited =
        error instanceof Error &&
        (error.message.includes('429') || error.message.includes('rate limit')); // expect-not: string-matched-error
      if (limited && attempt < tries - 1) {
        await new Promise((r) => setTimeout(r, 2 ** attempt * 1000 + Math.random() * 500));
        continue;
      }
      throw error;
    }
  }
  throw new Error('out of attempts');
}

async function main() {
  const verses = JSON.parse(readFileSync('data/verses.json', 'utf8')) as Array<{ id: string; text: string }>;
  const out: Record<string, string> = {};
  for (const v of verses) out[v.id] = await translate(v.text, 'Spanish');
  writeFileSync('data/verses.es.json', JSON.stringify(out, null, 2));
}

main().catch((e) => { console.error(e); process.exit(1); });
