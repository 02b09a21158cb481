// realworld repro (negative): naive-retry -- a route helper tries a list of Claude model ids in turn
// over raw fetch, each once, returning the first good answer; no wait, no second try of a model
// source: hibbaahmed/seotool app/api/ai/content-writer/route.ts:498
// source: hibbaahmed/seotool app/api/ai/content-writer/route.ts:969
const CANDIDATES = ['claude-sonnet-4-5', 'claude-sonnet-4-0', 'claude-3-7-sonnet-latest'];

export async function draftArticle(system: string, key: string, maxTokens: number): Promise<string> {
  for (const model of CANDIDATES) { // expect-not: naive-retry
    try {
      const res = await fetch('https://api.anthropic.com/v1/messages', {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({
          model,
          max_tokens: maxTokens,
          system,
          messages: [{ role: 'user', content: 'Write the article the system prompt describes.' }],
        }),
      });
      if (res.ok) {
        const data = await res.json();
        return data.content[0]?.text ?? '';
      }
    } catch (err) {
      console.error(`model ${model} failed`, err);
      continue;
    }
  }
  throw new Error('no Claude model answered');
}
