// realworld repro (positive + negative): batchable-fanout -- an offline evaluation re-labels every sample of a
// JSON file with one Haiku create each, ten at a time, saving the results file after each slice; the usage
// comment shows a key placeholder
// Usage:  ANTHROPIC_API_KEY=sk-ant-... npx tsx relabel-samples.ts // expect-not: hardcoded-api-key
// source: acee90/easy-parking-zone scripts/run-ai-eval-149.ts:72
// source: acee90/easy-parking-zone scripts/run-ai-eval-149.ts:132
// source: acee90/easy-parking-zone scripts/run-ai-eval-149.ts:5
import { readFileSync, writeFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';

interface Sample {
  id: number;
  text: string;
}

const RULES = 'Decide whether the text gives useful, concrete venue information. Reply {"useful": true|false}.';

async function judge(api: Anthropic, s: Sample): Promise<{ id: number; useful: boolean }> {
  try {
    const res = await api.messages.create({ // expect: batchable-fanout
      model: 'claude-haiku-4-5',
      max_tokens: 200,
      system: RULES,
      messages: [{ role: 'user', content: s.text.slice(0, 2000) }],
    });
    const raw = res.content[0].type === 'text' ? res.content[0].text : '{}';
    return { id: s.id, useful: Boolean(JSON.parse(raw).useful) };
  } catch {
    return { id: s.id, useful: false };
  }
}

async function main() {
  const api = new Anthropic();
  const samples: Sample[] = JSON.parse(readFileSync('/tmp/samples.json', 'utf8'));
  const out: Array<{ id: number; useful: boolean }> = [];
  for (let i = 0; i < samples.length; i += 10) {
    const slice = samples.slice(i, i + 10);
    out.push(...(await Promise.all(slice.map((s) => judge(api, s))))); // expect-not: unbounded-fanout
    writeFileSync('/tmp/samples-judged.json', JSON.stringify(out, null, 2));
  }
}

main().catch(console.error);
