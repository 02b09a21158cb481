// realworld repro (negative): naive-retry and string-matched-error -- a browser extension streams a
// raw fetch to /v1/messages and reads the body in a while (true) loop (nothing is resent); its own
// backend's auth failure is recognised by text
// source: ByteBell/ByteChat src/utils.ts:553
// source: ByteBell/ByteChat src/utils.ts:357
export async function askOwnBackend(question: string, token: string): Promise<string> {
  const res = await fetch('https://example.invalid/api/ask', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });
  if (!res.ok) {
    const text = await res.text();
    if (res.status === 401 || text.includes('Session token rejected')) { // expect-not: string-matched-error
      throw new Error('please sign in again');
    }
    throw new Error(text);
  }
  return res.text();
}

export async function streamClaude(key: string, system: string, question: string, onText: (t: string) => void) {
  const res = await fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      system,
      messages: [{ role: 'user', content: question }],
      max_tokens: 1000,
      stream: true,
    }),
  });
  if (!res.ok) throw new Error(await res.text());
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let pending = '';
  try {
    while (true) { // expect-not: naive-retry
      const { done, value } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('data: ')) continue;
        const event = JSON.parse(line.slice(6));
        if (event.type === 'content_block_delta' && event.delta?.text) onText(event.delta.text);
      }
    }
  } finally {
    reader.releaseLock();
  }
}
