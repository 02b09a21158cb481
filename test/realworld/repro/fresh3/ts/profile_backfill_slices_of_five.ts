// realworld repro (positive + negative): batchable-fanout -- an offline backfill gathers web snippets
// per organisation and asks Haiku for a short profile, five organisations at a time (one slice after
// another with a pause), each profile written to the database
// source: mitesh699/ic-news-extended scripts/backfill-profiles.ts:42
// source: mitesh699/ic-news-extended scripts/backfill-profiles.ts:85
import Anthropic from '@anthropic-ai/sdk';
import { PrismaClient } from '@prisma/client';

const db = new PrismaClient();
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY! });
const GROUP = 5;

async function snippets(name: string): Promise<string[]> {
  const res = await fetch(`https://search.example.invalid/?q=${encodeURIComponent(name)}`);
  return res.ok ? ((await res.json()) as { items: string[] }).items : [];
}

async function profileFor(name: string): Promise<string | null> {
  try {
    const found = await snippets(name);
    if (found.length === 0) return null;
    const reply = await claude.messages.create({ // expect: batchable-fanout
      model: 'claude-haiku-4-5',
      max_tokens: 300,
      messages: [{ role: 'user', content: `From these notes, describe ${name} in two sentences:\n${found.join('\n')}` }],
    });
    const block = reply.content[0];
    return block.type === 'text' ? block.text.trim() : null;
  } catch {
    return null;
  }
}

async function main() {
  const orgs = await db.organisation.findMany({ where: { profile: null }, select: { id: true, name: true } });
  for (let i = 0; i < orgs.length; i += GROUP) {
    const group = orgs.slice(i, i + GROUP);
    await Promise.allSettled( // expect-not: unbounded-fanout
      group.map(async (o) => {
        const profile = await profileFor(o.name);
        if (profile) await db.organisation.update({ where: { id: o.id }, data: { profile } });
      }),
    );
    if (i + GROUP < orgs.length) await new Promise((r) => setTimeout(r, 1500));
  }
}

main().then(() => process.exit(0)).catch((err) => { console.error(err); process.exit(1); });
