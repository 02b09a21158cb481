// realworld repro (negative): naive-retry, missing-max-tokens and model-routing -- a messaging bot's
// helpers call the Messages endpoint over raw fetch with max_tokens in every body; the chat reply
// falls back to a fixed apology on any error and the summary helper returns null, nothing is resent
// source: AircraftTransportWorldwide/atw-whatsapp-bot services/claude.js:61
// source: AircraftTransportWorldwide/atw-whatsapp-bot services/claude.js:68
// source: AircraftTransportWorldwide/atw-whatsapp-bot services/claude.js:183
const ENDPOINT = 'https://api.anthropic.com/v1/messages';
const MODEL = 'claude-sonnet-4-20250514';
const OFFICE_LINE = '+1 (555) 010-2040';

function headers() {
  return {
    'content-type': 'application/json',
    'x-api-key': process.env.BOT_CLAUDE_KEY,
    'anthropic-version': '2023-06-01',
  };
}

export async function replyTo(history, systemText) {
  try {
    const res = await fetch(ENDPOINT, { // expect-not: missing-max-tokens, model-routing
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ model: MODEL, max_tokens: 300, system: systemText, messages: history }),
    });
    const data = await res.json();
    return data?.content?.[0]?.text || null;
  } catch (err) { // expect-not: naive-retry
    console.error('[bot] reply failed:', err.message);
    return `Sorry, something went wrong on our side. Please call ${OFFICE_LINE}.`;
  }
}

export async function summarizeThread(history) {
  const transcript = history.map((m) => `${m.role}: ${m.content}`).join('\n');
  try {
    const res = await fetch(ENDPOINT, { // expect-not: model-routing
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({
        model: MODEL,
        max_tokens: 120,
        system: 'Summarize this delivery request in one plain sentence of at most 40 words.',
        messages: [{ role: 'user', content: transcript }],
      }),
    });
    const data = await res.json();
    return data?.content?.[0]?.text || null;
  } catch (err) {
    console.error('[bot] summary failed:', err.message);
    return null;
  }
}
