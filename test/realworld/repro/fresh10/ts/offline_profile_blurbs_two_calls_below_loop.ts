// realworld repro (positive + negative): batchable-fanout, model-routing and naive-retry -- an offline
// script reads every coach profile from the database and, one profile at a time with a pause, asks Haiku
// for a short blurb two local calls below the loop; each blurb is written back to its row and a report
// file is written at the end; a failed profile is logged and skipped
// source: miked5167/chickadee scripts/generate-descriptions.ts:162
// source: miked5167/chickadee scripts/generate-descriptions.ts:306
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';
import * as fs from 'fs';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: hardcoded-api-key
const db = createClient(process.env.DB_URL!, process.env.DB_SERVICE_KEY!);

interface Coach {
  id: string;
  name: string;
  skills: string[] | null;
}

async function writeBlurb(name: string, skills: string[] | null): Promise<string> {
  const msg = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    model: 'claude-3-haiku-20240307',
    max_tokens: 300,
    messages: [
      {
        role: 'user',
        content: `Coach: ${name}\nSkills: ${(skills ?? []).join(', ')}\n\nWrite a friendly two-sentence profile blurb. Reply with the blurb only.`,
      },
    ],
  });
  const block = msg.content[0];
  return block.type === 'text' ? block.text.trim() : '';
}

async function handleCoach(coach: Coach): Promise<{ id: string; ok: boolean; blurb?: string }> {
  try {
    const blurb = await writeBlurb(coach.name, coach.skills);
    const { error } = await db.from('coaches').update({ blurb }).eq('id', coach.id);
    if (error) throw new Error(error.message);
    return { id: coach.id, ok: true, blurb };
  } catch (err: any) {
    console.error(`failed ${coach.name}: ${err.message}`);
    return { id: coach.id, ok: false };
  }
}

async function main(): Promise<void> {
  const { data: coaches, error } = await db.from('coaches').select('id, name, skills').order('name');
  if (error || !coaches) throw new Error('could not load coaches');
  const report: { id: string; ok: boolean; blurb?: string }[] = [];
  for (let i = 0; i < coaches.length; i++) { // expect-not: naive-retry
    report.push(await handleCoach(coaches[i] as Coach));
    await new Promise((r) => setTimeout(r, 1500));
  }
  fs.writeFileSync('blurb-report.json', JSON.stringify(report, null, 2));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
