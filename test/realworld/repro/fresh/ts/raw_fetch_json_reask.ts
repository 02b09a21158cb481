// realworld repro (negative): naive-retry -- two attempts at a raw /v1/messages call, the second with a
// reminder, only when the reply is not valid JSON or fails the schema; an HTTP error is thrown out of
// the call and not retried
// source: drprockz/Outreach-Bot tools/radar-trace/src/lib/ai/verifier.ts:187
const ENDPOINT = 'https://api.anthropic.com/v1/messages';

type Verdict = { id: string; match: boolean };

export function makeChecker(apiKey: string, http: typeof fetch = fetch) {
  async function once(items: string[], remind: boolean) {
    const res = await http(ENDPOINT, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude-haiku-4-5',
        max_tokens: 800,
        system: 'Decide whether each candidate is the same company as the target. Reply with a JSON array.',
        messages: [{ role: 'user', content: items.join('\n') + (remind ? '\nReply with the JSON array only.' : '') }],
      }),
    });
    if (!res.ok) throw new Error(`http ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return (await res.json()) as { content?: Array<{ type: string; text?: string }> };
  }

  return async function check(items: string[]): Promise<Verdict[]> {
    for (let attempt = 0; attempt < 2; attempt++) { // expect-not: naive-retry
      const body = await once(items, attempt === 1);
      const text = body.content?.map((c) => c.text ?? '').join('') ?? '';
      try {
        const parsed = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed as Verdict[];
      } catch {
        if (attempt === 1) throw new Error('still not JSON after the reminder');
        continue;
      }
      if (attempt === 1) throw new Error('reply is not an array');
    }
    return [];
  };
}
