// realworld repro (positive): missing-max-tokens -- a latency probe posts to /v1/messages with raw
// fetch; the JSON body carries model, messages and stream: false but no max_tokens, and every
// failure comes back as a result row instead of being retried
// source: Andiedie/ai-bench src/services/anthropic.ts:28
// source: Andiedie/ai-bench src/services/anthropic.ts:98
export interface ProbeSettings {
  endpoint: string;
  key: string;
  model: string;
  question: string;
}

export interface ProbeRow {
  elapsedMs: number;
  answer: string;
  problem: string | null;
}

export async function timeOneRequest(settings: ProbeSettings): Promise<ProbeRow> {
  const began = performance.now();
  try {
    const reply = await fetch(`${settings.endpoint.replace(/\/+$/, '')}/v1/messages`, { // expect: missing-max-tokens
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': settings.key,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({
        model: settings.model,
        messages: [{ role: 'user', content: settings.question }],
        stream: false,
      }),
    });
    const elapsedMs = performance.now() - began;
    const payload = (await reply.json()) as any;
    if (!reply.ok) {
      return { elapsedMs, answer: '', problem: payload?.error?.message ?? `status ${reply.status}` };
    }
    const answer = (payload.content as Array<{ type: string; text?: string }>)
      .filter((block) => block.type === 'text')
      .map((block) => block.text ?? '')
      .join('');
    return { elapsedMs, answer, problem: null };
  } catch (err) { // expect-not: naive-retry
    return { elapsedMs: performance.now() - began, answer: '', problem: String(err) };
  }
}
