// realworld repro (negative): naive-retry -- a fetch helper re-sends only when the answer is 529 or 500
// (doubling wait) and hands every other status, 429 included, back to the caller; the loop over rows
// that calls it logs failures and moves on to the next row
// source: ahmedqteshat99/klaro supabase/functions/_shared/anthropic-retry.ts:13
// source: ahmedqteshat99/klaro supabase/functions/backfill-job-descriptions/index.ts:85
export async function postWithOverloadRetry(url: string, init: RequestInit, tries = 3, firstMs = 1000): Promise<Response> {
  let last: Response | null = null;
  for (let attempt = 0; attempt <= tries; attempt++) { // expect-not: naive-retry
    const res = await fetch(url, init);
    if (res.status === 529 || res.status === 500) {
      last = res;
      if (attempt < tries) {
        await new Promise((r) => setTimeout(r, firstMs * 2 ** attempt));
        continue;
      }
    }
    return res;
  }
  return last!;
}

export async function fillSummaries(rows: Array<{ id: string; title: string }>, key: string) {
  const failures: string[] = [];
  for (const row of rows) { // expect-not: naive-retry
    try {
      const res = await postWithOverloadRetry('https://api.anthropic.com/v1/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({
          model: 'claude-haiku-4-5',
          max_tokens: 300,
          messages: [{ role: 'user', content: `Two inviting sentences about this job: ${row.title}` }],
        }),
      });
      if (!res.ok) {
        failures.push(`${row.id}: ${res.status}`);
        continue;
      }
      const data = await res.json();
      console.log(row.id, data.content?.[0]?.text);
      await new Promise((r) => setTimeout(r, 500));
    } catch (err) {
      failures.push(`${row.id}: ${err instanceof Error ? err.message : 'unknown'}`);
    }
  }
  return failures;
}
