// realworld repro (positive + negative): naive-retry -- a section writer posts to /v1/messages over
// fetch; an outer loop falls back over two Claude models and an inner attempt loop resends after a
// 429 or a thrown error with a doubling wait, never reading retry-after
// source: hibbaahmed/seotool lib/multi-phase-generation.ts:115
// source: hibbaahmed/seotool lib/multi-phase-generation.ts:111
const MODELS = ['claude-sonnet-4-5', 'claude-sonnet-4-0'];

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function writeSection(brief: string, key: string, maxTokens: number): Promise<string> {
  const problems: string[] = [];
  for (const model of MODELS) { // expect-not: naive-retry
    const tries = 3;
    for (let attempt = 0; attempt < tries; attempt++) { // expect: naive-retry
      try {
        if (attempt > 0) await wait(Math.min(1000 * 2 ** attempt, 30000));
        const res = await fetch('https://api.anthropic.com/v1/messages', {
          method: 'POST',
          headers: { 'x-api-key': key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
          body: JSON.stringify({
            model,
            max_tokens: maxTokens,
            system: brief,
            messages: [{ role: 'user', content: 'Write the section the system prompt describes.' }],
          }),
        });
        if (res.ok) {
          const data = await res.json();
          return data.content[0]?.text ?? '';
        }
        if (res.status === 429 && attempt < tries - 1) continue;
        if (res.status === 404) {
          problems.push(`${model}: not found`);
          break;
        }
        problems.push(`${model}: HTTP ${res.status}`);
        if (attempt === tries - 1) break;
      } catch (err) {
        problems.push(`${model}: ${String(err)}`);
        if (attempt === tries - 1) break;
      }
    }
  }
  throw new Error(`every model failed:\n${problems.join('\n')}`);
}
