// realworld repro (negative): naive-retry and string-matched-error -- a raw-fetch Messages helper walks
// a ladder of smaller token budgets and effort levels, re-sending only when a 400 body names a token or
// effort problem; any other failure (a 429 included) ends the ladder and throws
// source: Ammaar-Alam/minebench lib/ai/providers/anthropic.ts:229
// source: Ammaar-Alam/minebench lib/ai/providers/anthropic.ts:246
// source: Ammaar-Alam/minebench lib/ai/providers/anthropic.ts:29
function tokenProblem(body: string): boolean {
  const b = body.toLowerCase();
  return (
    b.includes('max_tokens') || // expect-not: string-matched-error
    b.includes('too many tokens')
  );
}

function effortProblem(body: string): boolean {
  return body.toLowerCase().includes('effort') && body.toLowerCase().includes('unsupported');
}

export async function askModel(model: string, system: string, user: string, maxTokens = 8000): Promise<string> {
  const budgets = [maxTokens, Math.floor(maxTokens / 2), 2048];
  const efforts = ['high', 'medium', null];
  let res: Response | null = null;
  let body = '';
  ladder: for (const tok of budgets) { // expect-not: naive-retry
    for (let i = 0; i < efforts.length; i++) { // expect-not: naive-retry
      const effort = efforts[i];
      res = await fetch('https://api.anthropic.com/v1/messages', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': process.env.ANTHROPIC_API_KEY ?? '',
          'anthropic-version': '2023-06-01',
        },
        body: JSON.stringify({
          model,
          max_tokens: tok,
          system,
          messages: [{ role: 'user', content: user }],
          ...(effort ? { output_config: { effort } } : {}),
        }),
      });
      if (res.ok) break ladder;
      body = await res.text();
      if (res.status === 400 && tokenProblem(body)) continue ladder;
      if (res.status === 400 && i < efforts.length - 1 && effortProblem(body)) continue;
      break ladder;
    }
  }
  if (!res || !res.ok) throw new Error(`request failed: ${res?.status} ${body}`);
  const data = (await res.json()) as { content: Array<{ type: string; text?: string }> };
  return data.content.map((c) => c.text ?? '').join('');
}
