// realworld repro (positive + negative): model-routing and unbounded-fanout -- a report builder sends two
// long narrative calls side by side (Promise.all over fixed calls), then a one-sentence "why not" rewrite per
// skipped item (the top 15, through a limiter); every call goes through a retry wrapper imported from a shared
// module, on the model of an imported constant named for the largest tier, thinking off, 200 tokens
// source: johnkf5-ops/Atelier lib/agents/orchestrator.ts:118
// source: johnkf5-ops/Atelier lib/agents/orchestrator.ts:215
import pLimit from 'p-limit';
import { claude, OPUS_MODEL } from '@/lib/claude';
import { callWithRetry } from '@/lib/claude-retry';

async function longSection(title: string, facts: string): Promise<string> {
  const res = await callWithRetry(
    () =>
      claude().messages.create({
        model: OPUS_MODEL,
        max_tokens: 3000,
        system: `Write the ${title} section of a portfolio review in three plain paragraphs.`,
        messages: [{ role: 'user', content: facts }],
      }),
    { tag: `section(${title})` },
  );
  return res.content[0].type === 'text' ? res.content[0].text : '';
}

async function whyNot(name: string, analysis: string): Promise<string> {
  const res = await callWithRetry(
    () =>
      claude().messages.create({ // expect: model-routing
        model: OPUS_MODEL,
        max_tokens: 200,
        thinking: { type: 'disabled' },
        system: `Reduce the analysis to one sentence that starts with "Skipped ${name}:".`,
        messages: [{ role: 'user', content: analysis }],
      }),
    { tag: `why-not(${name})` },
  );
  return res.content[0].type === 'text' ? res.content[0].text : '';
}

export async function buildReport(
  facts: string,
  skipped: Array<{ name: string; analysis: string; score: number }>,
  save: (name: string, blurb: string) => Promise<void>,
): Promise<string[]> {
  const sections = await Promise.all([ // expect-not: unbounded-fanout
    longSection('overview', facts),
    longSection('ranking', facts),
    longSection('statement', facts),
  ]);
  const limit = pLimit(4);
  const worst = [...skipped].sort((a, b) => b.score - a.score).slice(0, 15);
  await Promise.all(
    worst.map((s) =>
      limit(async () => {
        await save(s.name, await whyNot(s.name, s.analysis));
      }),
    ),
  );
  return sections;
}
