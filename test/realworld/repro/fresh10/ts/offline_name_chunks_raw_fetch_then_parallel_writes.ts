// realworld repro (positive + negative): batchable-fanout and unbounded-fanout -- an offline backfill walks
// every member id in chunks, sends one raw Haiku request per chunk with that chunk's first names (two local
// calls below the loop), then writes each member's row in parallel with no Claude call in the writes
// source: thecyclecoder/shopcx scripts/backfill-demographics.ts:67
// source: thecyclecoder/shopcx scripts/backfill-demographics.ts:340
// source: thecyclecoder/shopcx scripts/backfill-demographics.ts:305
import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.DB_URL!, process.env.DB_SERVICE_KEY!);
const CHUNK = Number(process.argv[2]) || 400;

async function askHaiku(system: string, user: string, maxTokens = 4096): Promise<string | null> {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: model-routing, nonstreaming-max-tokens, uncached-prompt
    method: 'POST',
    headers: {
      'x-api-key': process.env.ANTHROPIC_API_KEY ?? '',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: maxTokens,
      system,
      messages: [{ role: 'user', content: user }],
    }),
  });
  if (!res.ok) {
    console.warn(`haiku ${res.status}`);
    return null;
  }
  const body = await res.json();
  return body.content?.[0]?.text ?? null;
}

async function guessNicknames(names: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const text = await askHaiku(
    'Answer with a JSON array only.',
    `Give the most common nickname for each first name, same order:\n${names.join('\n')}`,
  );
  if (!text) return out;
  const list = JSON.parse(text) as string[];
  names.forEach((n, i) => out.set(n.toLowerCase(), list[i] ?? ''));
  return out;
}

async function saveMember(id: string, first: string, nicknames: Map<string, string>): Promise<void> {
  await db.from('member_profile').upsert({ member_id: id, nickname: nicknames.get(first.toLowerCase()) ?? null });
}

async function main(): Promise<void> {
  const { data } = await db.from('members').select('id, first_name');
  const members = (data ?? []) as { id: string; first_name: string }[];
  for (let start = 0; start < members.length; start += CHUNK) { // expect-not: naive-retry
    const part = members.slice(start, start + CHUNK);
    const nicknames = await guessNicknames(part.map((m) => m.first_name));
    await Promise.all(part.map((m) => saveMember(m.id, m.first_name, nicknames))); // expect-not: unbounded-fanout
  }
}

main().then(() => process.exit(0));
