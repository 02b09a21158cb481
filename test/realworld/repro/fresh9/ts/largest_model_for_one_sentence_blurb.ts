// realworld repro (positive + negative): model-routing and unbounded-fanout -- a report builder sends two
// long narrative calls and a one-sentence "why not" rewrite side by side (Promise.all over three fixed
// calls); the rewrite goes to the largest model, thinking off, 200 tokens
// source: johnkf5-ops/Atelier lib/agents/orchestrator.ts:118
// source: johnkf5-ops/Atelier lib/agents/orchestrator.ts:215
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

async function longSection(title: string, facts: string): Promise<string> {
  const res = await claude.messages.create({
    model: 'claude-opus-4-1',
    max_tokens: 3000,
    system: `Write the ${title} section of a portfolio review in three plain paragraphs.`,
    messages: [{ role: 'user', content: facts }],
  });
  return res.content[0].type === 'text' ? res.content[0].text : '';
}

async function whyNot(name: string, analysis: string): Promise<string> {
  const res = await claude.messages.create({ // expect: model-routing
    model: 'claude-opus-4-1',
    max_tokens: 200,
    system: `Reduce the analysis to one sentence that starts with "Skipped ${name}:".`,
    messages: [{ role: 'user', content: analysis }],
  });
  return res.content[0].type === 'text' ? res.content[0].text : '';
}

export async function buildReport(facts: string, skipped: { name: string; analysis: string }): Promise<string[]> {
  return Promise.all([ // expect-not: unbounded-fanout
    longSection('overview', facts),
    longSection('ranking', facts),
    whyNot(skipped.name, skipped.analysis),
  ]);
}
