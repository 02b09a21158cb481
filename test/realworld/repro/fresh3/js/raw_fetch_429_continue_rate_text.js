// realworld repro (positive): naive-retry and string-matched-error -- a browser-extension client posts
// to /v1/messages in an attempt loop: on HTTP 429 it moves to the next attempt after a doubling delay,
// and any thrown error whose text mentions "rate" is retried the same way; retry-after is never read
// source: Hemanthsneu/jobhunter-ai lib/claude.js:28
// source: Hemanthsneu/jobhunter-ai lib/claude.js:61
const Assistant = {
  URL: 'https://api.anthropic.com/v1/messages',
  TRIES: 3,
  FIRST_DELAY: 1500,

  async send(apiKey, prompt, system = '', maxTokens = 2048) {
    const body = { model: 'claude-haiku-4-5', max_tokens: maxTokens, messages: [{ role: 'user', content: prompt }] };
    if (system) body.system = system;

    let lastError = null;
    for (let attempt = 0; attempt <= this.TRIES; attempt++) { // expect: naive-retry
      if (attempt > 0) {
        await new Promise((r) => setTimeout(r, this.FIRST_DELAY * 2 ** (attempt - 1)));
      }
      try {
        const res = await fetch(this.URL, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-api-key': apiKey,
            'anthropic-version': '2023-06-01',
            'anthropic-dangerous-direct-browser-access': 'true',
          },
          body: JSON.stringify(body),
        });
        if (res.status === 429) {
          lastError = new Error('Rate limited, slow down');
          continue;
        }
        if (!res.ok) throw new Error(`Assistant error ${res.status}`);
        const data = await res.json();
        return data.content?.[0]?.text || '';
      } catch (e) {
        if (e.message.includes('rate')) { // expect: string-matched-error
          lastError = e;
          continue;
        }
        throw e;
      }
    }
    throw lastError || new Error('out of attempts');
  },

  async coverLetter(apiKey, profile, posting) {
    return this.send(apiKey, `Write a short cover letter.\n${profile}\n---\n${posting}`, 'Plain text only.');
  },
};

export default Assistant;
