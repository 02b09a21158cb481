// realworld repro (positive + negative): batchable-fanout -- an offline script loops over every catalog entry missing
// a description (or all with --all), awaits a same-file function making one Haiku 4.5 messages.create per entry and
// writes each text to the document store unless --dry; look-alikes: a setup comment shows an 'sk-ant-...'
// placeholder, the model is already Haiku, and the per-entry catch prints and counts the error
// source: florent-fejzula/perfumery-in-store scripts/generate-descriptions.mjs:48
// source: florent-fejzula/perfumery-in-store scripts/generate-descriptions.mjs:118
// source: florent-fejzula/perfumery-in-store scripts/generate-descriptions.mjs:11
// (corrected by tuneM: the write is a Firestore document update, `db.collection(…).doc(id).update({ … })`, as in the
// original, not a call of an imported `docs.update` helper)
// Setup:
//   export ANTHROPIC_API_KEY="sk-ant-..." // expect-not: hardcoded-api-key
import { getFirestore } from 'firebase-admin/firestore';
import Anthropic from '@anthropic-ai/sdk';

const DRY = process.argv.includes('--dry');
const db = getFirestore();
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

async function blurb(title, notes) {
  const r = await anthropic.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens
    model: 'claude-haiku-4-5-20251001',
    max_tokens: 120,
    messages: [{ role: 'user', content: `Two vivid sentences about the tea "${title}". Notes: ${notes.join(', ')}.` }],
  });
  return r.content[0].text.trim();
}

async function main() {
  const snapshot = await db.collection('teas').get();
  const entries = snapshot.docs.map((d) => ({ id: d.id, ...d.data() })).filter((t) => process.argv.includes('--all') || !t.description);
  for (const tea of entries) {
    try {
      const description = await blurb(tea.title, tea.notes || []);
      if (!DRY) await db.collection('teas').doc(tea.id).update({ description, updatedAt: new Date() });
      await new Promise((r) => setTimeout(r, 250));
    } catch (err) { // expect-not: naive-retry
      console.log(`error: ${err.message}`);
    }
  }
}

main();
