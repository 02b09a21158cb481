// realworld repro (positive + negative): batchable-fanout -- a one-shot backfill selects up to 300 council
// motions without a plain summary and, per motion, awaits a same-file helper that sends one Haiku 4.5 create, then
// writes the answer back with a supabase update naming it; look-alikes: the model is already Haiku, the constant
// system prompt is far under Haiku's caching minimum, a failed motion is logged and skipped, and the motions go
// one at a time
// source: ajgalbraith/fivevote scripts/generate-summaries.mjs:40
// source: ajgalbraith/fivevote scripts/generate-summaries.mjs:78
// source: ajgalbraith/fivevote scripts/generate-summaries.mjs:77
// source: ajgalbraith/fivevote scripts/generate-summaries.mjs:24
import { createClient } from '@supabase/supabase-js';
import Anthropic from '@anthropic-ai/sdk';

const MODEL = 'claude-haiku-4-5';
const db = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_KEY);
const anthropic = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key

const INSTRUCTIONS = `You explain local council motions to residents.
One sentence, at most 25 words, no jargon, no motion numbers. Say what the motion would change.`;

async function explainMotion(motion) {
  const reply = await anthropic.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: MODEL,
    max_tokens: 150,
    system: INSTRUCTIONS,
    messages: [{ role: 'user', content: `Title: ${motion.title}\n\nText: ${(motion.body ?? '').slice(0, 1500)}` }],
  });
  return reply.content.filter((b) => b.type === 'text').map((b) => b.text).join('').trim();
}

async function main() {
  const { data: motions, error } = await db.from('motions').select('id, ref, title, body').is('plain_summary', null).limit(300);
  if (error) throw error;

  let done = 0;
  for (const motion of motions ?? []) { // expect-not: unbounded-fanout
    try { // expect-not: naive-retry
      const summary = await explainMotion(motion);
      const { error: writeErr } = await db.from('motions').update({ plain_summary: summary, summary_model: MODEL }).eq('id', motion.id);
      if (writeErr) throw writeErr;
      done += 1;
    } catch (err) {
      console.error(`motion ${motion.ref}: ${err.message}`);
    }
  }
  console.log(`${done} motions summarised`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
