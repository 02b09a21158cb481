// realworld repro (negative): unbounded-fanout -- Promise.all over a list filled by push from at most
// four fixed checks, each sent to a local function that calls Claude
// source: patchy631/ai-engineering-hub open-agent-builder/app/api/execute-guardrails/route.ts:166
import Anthropic from '@anthropic-ai/sdk';

type Check = { name: string; prompt: string };

async function judge(client: Anthropic, prompt: string) {
  const res = await client.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 512,
    messages: [{ role: 'user', content: prompt }],
  });
  return res.content[0];
}

export async function screen(
  text: string,
  opts: { abuse?: boolean; leaks?: boolean; facts?: boolean; rules?: string[] },
) {
  const client = new Anthropic();
  const checks: Check[] = [];
  if (opts.abuse) checks.push({ name: 'abuse', prompt: `Is this abusive? ${text}` });
  if (opts.leaks) checks.push({ name: 'leaks', prompt: `Does this leak secrets? ${text}` });
  if (opts.facts) checks.push({ name: 'facts', prompt: `Is this made up? ${text}` });
  if (opts.rules?.length) checks.push({ name: 'rules', prompt: `Rules: ${opts.rules.join('; ')}\n${text}` });
  const verdicts = await Promise.all(checks.map((c) => judge(client, c.prompt))); // expect-not: unbounded-fanout
  return checks.map((c, i) => ({ check: c.name, verdict: verdicts[i] }));
}
