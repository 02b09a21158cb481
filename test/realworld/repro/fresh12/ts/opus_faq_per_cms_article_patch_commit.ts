// realworld repro (positive + negative): batchable-fanout -- an offline script asks Opus for five FAQs per CMS
// article that has none (one local call below the loop) and patches each result back with .commit() in the same
// pass; look-alikes: max_tokens 1024 is above the classification-sized threshold, and the loop logs failures
// without re-sending
// source: Scaletific/automation-switch-landing scripts/generate-faqs.ts:99
// source: Scaletific/automation-switch-landing scripts/generate-faqs.ts:133
import { createClient } from '@sanity/client';
import Anthropic from '@anthropic-ai/sdk';

const cms = createClient({ projectId: 'demo', dataset: 'staging', apiVersion: '2024-01-01', token: process.env.CMS_TOKEN, useCdn: false });
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key

type Doc = { _id: string; title: string; text: string };

async function faqFor(doc: Doc): Promise<{ question: string; answer: string }[]> {
  const message = await anthropic.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: 'claude-opus-4-6',
    max_tokens: 1024,
    messages: [{ role: 'user', content: `Title: ${doc.title}\n\n${doc.text.slice(0, 6000)}\n\nWrite five reader questions with short answers as a JSON array.` }],
  });
  const text = message.content[0].type === 'text' ? message.content[0].text : '[]';
  const found = text.match(/\[[\s\S]*\]/);
  if (!found) throw new Error('no JSON array in reply');
  return JSON.parse(found[0]);
}

async function main() {
  const docs: Doc[] = await cms.fetch(`*[_type == "post" && !defined(faq)]{ _id, title, text }`);
  for (const doc of docs) { // expect-not: naive-retry, unbounded-fanout
    try {
      const faq = await faqFor(doc);
      await cms.patch(doc._id).set({ faq }).commit();
    } catch (err) {
      console.error(`failed ${doc.title}: ${(err as Error).message}`);
    }
  }
}

main();
