// realworld repro (positive + negative): naive-retry -- a monitor asks each provider of a table
// (one of them posts to the Messages endpoint) a list of questions and, when a reply is HTTP 429,
// re-sends once after a fixed short wait; retry-after is never read
// source: vjpixel/diaria-studio scripts/lib/geo-citation-monitor.ts:999
// source: vjpixel/diaria-studio scripts/lib/geo-citation-monitor.ts:997
interface Provider {
  id: string;
  keyName: string;
  build(question: string, key: string): { url: string; init: RequestInit };
}

interface Outcome {
  ok: boolean;
  status?: number;
  text?: string;
}

const PROVIDERS: Provider[] = [
  {
    id: 'claude',
    keyName: 'ANTHROPIC_API_KEY',
    build: (question, key) => ({
      url: 'https://api.anthropic.com/v1/messages',
      init: {
        method: 'POST',
        headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'claude-sonnet-4-5',
          max_tokens: 2048,
          messages: [{ role: 'user', content: question }],
        }),
      },
    }),
  },
];

const RETRY_DELAY_MS = 2000;

async function ask(p: Provider, question: string, key: string): Promise<Outcome> {
  const { url, init } = p.build(question, key);
  const res = await fetch(url, init);
  if (!res.ok) return { ok: false, status: res.status };
  return { ok: true, text: await res.text() };
}

export async function monitor(env: Record<string, string | undefined>, questions: string[]) {
  const rows: Array<{ provider: string; question: string; ok: boolean }> = [];
  for (const p of PROVIDERS) {
    const key = env[p.keyName];
    if (!key) continue;
    for (const q of questions) {
      let out = await ask(p, q, key);
      if (!out.ok && out.status === 429) { // expect-not: string-matched-error
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
        out = await ask(p, q, key); // expect: naive-retry
      }
      rows.push({ provider: p.id, question: q, ok: out.ok });
    }
  }
  return rows;
}
