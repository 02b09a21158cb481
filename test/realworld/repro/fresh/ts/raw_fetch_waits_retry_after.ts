// realworld repro (negative): naive-retry -- a while (true) loop around a raw POST to `${base}/v1/messages`
// waits the retry-after header on 429 (jittered doubling only when it is missing) and backs off on 5xx
// source: Art-of-Technology/ferret src/services/claude.ts:184
export class LedgerClaude {
  constructor(
    private key: string,
    private base = 'https://api.anthropic.com',
    private tries = 3,
  ) {}

  private pause(attempt: number): number {
    const grow = 250 * 2 ** attempt;
    return Math.round(grow + grow * Math.random());
  }

  async send(body: Record<string, unknown>): Promise<unknown> {
    const url = `${this.base}/v1/messages`;
    let attempt = 0;
    while (true) { // expect-not: naive-retry
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': this.key, 'anthropic-version': '2023-06-01' },
          body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 2048, ...body }),
        });
      } catch (err) {
        if (attempt >= this.tries) throw err;
        await new Promise((r) => setTimeout(r, this.pause(attempt)));
        attempt += 1;
        continue;
      }
      if (res.ok) return res.json();
      if (res.status === 429) {
        if (attempt >= this.tries) throw new Error('rate limited after retries');
        const after = Number(res.headers.get('retry-after'));
        await new Promise((r) => setTimeout(r, Number.isFinite(after) && after > 0 ? after * 1000 : this.pause(attempt)));
        attempt += 1;
        continue;
      }
      if (res.status >= 500) {
        if (attempt >= this.tries) throw new Error(`server error ${res.status}`);
        await new Promise((r) => setTimeout(r, this.pause(attempt)));
        attempt += 1;
        continue;
      }
      throw new Error(`request failed with ${res.status}`);
    }
  }
}
