// realworld repro (negative): batchable-fanout, uncached-prompt, naive-retry, unbounded-fanout and
// missing-max-tokens -- a Next.js route reads at most ten new inbox messages, parses each with one
// messages.parse call (system block already cached) and stores the result with prisma; errors are
// recorded and the loop moves on; two database reads run side by side
// source: atremura/scm-crm src/app/api/gmail/sync/route.ts:206
// source: atremura/scm-crm src/app/api/gmail/sync/route.ts:164
// source: atremura/scm-crm src/app/api/gmail/sync/route.ts:147
// source: atremura/scm-crm src/app/api/gmail/sync/route.ts:249
import { NextResponse } from 'next/server';
import Anthropic from '@anthropic-ai/sdk';
import { prisma } from '@/lib/prisma';
import { listInbox, readMessage } from '@/lib/mail';

const claude = new Anthropic();
const PER_RUN = 10;
const LEAD_PROMPT = 'Extract the sender, deadline, scope and budget of a request for quote. Answer as JSON.';

export async function POST() {
  const refs = (await listInbox()).slice(0, PER_RUN);
  const [rules, owner] = await Promise.all([prisma.rule.findMany(), prisma.company.findFirst()]); // expect-not: unbounded-fanout
  const outcome: Array<{ id: string; error?: string }> = [];
  for (const ref of refs) { // expect-not: naive-retry
    const mail = await readMessage(ref.id);
    let reply;
    try {
      reply = await claude.messages.parse({ // expect-not: batchable-fanout
        model: 'claude-opus-4-5',
        max_tokens: 4096,
        system: [{ type: 'text', text: LEAD_PROMPT, cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: `${owner?.name ?? ''}\n${rules.length}\n${mail.body}` }],
      });
    } catch (err: any) {
      outcome.push({ id: ref.id, error: `Claude error: ${err?.message ?? 'unknown'}` });
      continue;
    }
    await prisma.leadExtraction.create({ // expect-not: missing-max-tokens
      data: { mailId: ref.id, text: JSON.stringify(reply.content) },
    });
    outcome.push({ id: ref.id });
  }
  return NextResponse.json({ outcome });
}
