// realworld repro (positive + negative): batchable-fanout -- a one-off top-level script loops over every listing
// without a description and sends one Opus messages.create per listing (300 tokens for a short description), writing
// each text back to the database; look-alikes: Opus at 300 tokens is above the classification bar, no system
// prompt, the loop is sequential, and the client keeps its default retries
// source: AxelSandovalH/Cabo-Velvet scripts/generate-descriptions.mjs:42
// source: AxelSandovalH/Cabo-Velvet scripts/generate-descriptions.mjs:34
// source: AxelSandovalH/Cabo-Velvet scripts/generate-descriptions.mjs:23
// (corrected by tuneM: the rows are read and each text written with a supabase client, `.from('venues').update({ blurb })
// .eq('id', id)`, as in the original, not through an imported `db` helper)
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key

const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY);
const { data: rows } = await supabase.from('venues').select('id, name, kind, blurb').order('name');

for (const venue of rows) { // expect-not: unbounded-fanout
  if (venue.blurb && venue.blurb.length > 40) continue;
  const msg = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
    model: 'claude-opus-4-7',
    max_tokens: 300,
    messages: [{ role: 'user', content: `Write a two-sentence evocative blurb for the venue "${venue.name}" (${venue.kind}).` }],
  });
  const blurb = msg.content[0].type === 'text' ? msg.content[0].text.trim() : '';
  if (!blurb) continue;
  await supabase.from('venues').update({ blurb }).eq('id', venue.id);
  await new Promise((r) => setTimeout(r, 300));
}
