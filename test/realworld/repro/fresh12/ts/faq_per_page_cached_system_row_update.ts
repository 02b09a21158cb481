// realworld repro (positive + negative): batchable-fanout -- an offline script loops over every page row still
// without FAQs and sends one Haiku request per page (one local call below the loop), writing each answer back to
// its row with an update in the same pass; look-alikes: the constant system prompt already carries cache_control,
// the loop is sequential and logs failures without re-sending
// source: flyg-ai/aimagasinet-se scripts/generate-faqs.ts:106
// source: flyg-ai/aimagasinet-se scripts/generate-faqs.ts:165
// source: flyg-ai/aimagasinet-se scripts/generate-faqs.ts:126
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const ai = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
const store = createClient(process.env.STORE_URL!, process.env.STORE_KEY!);

const EDITOR = `You are the editor of a gardening site. Write four short reader questions with two-sentence answers.
Return only a JSON object {"items": [{"q": "...", "a": "..."}]}.`;

type Page = { id: number; title: string; summary: string | null };
type Item = { q: string; a: string };

async function questionsFor(page: Page): Promise<Item[]> {
  const reply = await ai.messages.create({ // expect: batchable-fanout; expect-not: uncached-prompt, model-routing, missing-max-tokens, nonstreaming-max-tokens
    model: 'claude-haiku-4-5',
    max_tokens: 1800,
    system: [{ type: 'text', text: EDITOR, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: `Title: ${page.title}\nSummary: ${page.summary ?? '(none)'}` }],
  });
  const text = reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('').trim();
  let parsed: { items?: Item[] };
  try {
    parsed = JSON.parse(text);
  } catch (e) { // expect-not: string-matched-error
    throw new Error(`reply was not JSON: ${e instanceof Error ? e.message : e}`);
  }
  return (parsed.items ?? []).slice(0, 4);
}

async function main() {
  const { data } = await store.from('pages').select('id,title,summary').is('faq', null);
  const pages = (data ?? []) as Page[];
  for (let i = 0; i < pages.length; i++) { // expect-not: unbounded-fanout, naive-retry
    const page = pages[i];
    try {
      const items = await questionsFor(page);
      await store.from('pages').update({ faq: items }).eq('id', page.id);
    } catch (e) {
      console.error(`page ${page.id} failed: ${e instanceof Error ? e.message : e}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
