// realworld repro (negative): missing-max-tokens and naive-retry -- a Netlify function forwards the browser's
// request body to the Messages API unchanged (the page sets the model and max_tokens) and passes the upstream
// status straight back; nothing is retried
// source: thodalf/dailyalbum netlify/functions/claude.js:8
export default async (req) => {
  if (req.method !== 'POST') return new Response('POST only', { status: 405 });
  const payload = await req.json();
  const upstream = await fetch('https://api.anthropic.com/v1/messages', { // expect-not: missing-max-tokens, naive-retry
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': process.env.ANTHROPIC_API_KEY,
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify(payload),
  });
  return Response.json(await upstream.json(), { status: upstream.status });
};

export const config = { path: '/api/ask' };
