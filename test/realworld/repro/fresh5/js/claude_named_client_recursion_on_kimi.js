// realworld repro (negative): naive-retry and string-matched-error -- a module called claude-client
// retries by recursion with a linear wait, but the call it repeats goes to Moonshot's (Kimi)
// chat-completions endpoint, and the route maps that helper's status 429 to a message
// source: jdh4601/card-news-creator lib/claude-client.js:106
// source: jdh4601/card-news-creator server.js:205
const MOONSHOT_KEY = process.env.KIMI_API_KEY;
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

export async function draftCards(source, tries = 0) {
  try {
    const res = await fetch('https://api.moonshot.cn/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MOONSHOT_KEY}` },
      body: JSON.stringify({
        model: 'moonshot-v1-8k',
        messages: [
          { role: 'system', content: 'Turn the text into four short slides as JSON.' },
          { role: 'user', content: source },
        ],
      }),
    });
    if (!res.ok) {
      const err = new Error(`Kimi error ${res.status}`);
      err.status = res.status;
      throw err;
    }
    const data = await res.json();
    return JSON.parse(data.choices[0].message.content);
  } catch (err) {
    if (tries < 2) {
      await pause(1000 * (tries + 1));
      return draftCards(source, tries + 1); // expect-not: naive-retry
    }
    throw err;
  }
}

export async function cardsRoute(req, res) {
  try {
    res.json(await draftCards(req.body.text));
  } catch (err) {
    if (err.status === 429) { // expect-not: string-matched-error
      return res.status(429).json({ error: 'The writing service is busy; try again shortly.' });
    }
    res.status(502).json({ error: 'Could not draft the cards.' });
  }
}
