// realworld repro (negative): a server-only helper sends one meeting-minutes PDF as a base64 document block to
// /v1/messages with raw fetch (Sonnet, 1,500 tokens, a constant system prompt of about a thousand characters) and
// parses the JSON reply; it has no loop (the upload route and the backfill that call it live in other modules),
// the failure branch throws without testing text, and the key is a parameter or comes from the environment
// source: Ladiga-Studios/city-of-piedmont src/lib/summarize.js:42
// source: Ladiga-Studios/city-of-piedmont src/lib/summarize.js:71
// source: Ladiga-Studios/city-of-piedmont src/lib/summarize.js:37
const API_URL = 'https://api.anthropic.com/v1/messages';
const SUMMARY_MODEL = 'claude-sonnet-4-6';

const INSTRUCTIONS = `You summarize school board meeting minutes for parents who will not read the whole document.
Plain, neutral language. Never invent details. Return only a JSON object:
{"overview": "2-3 sentences", "votes": ["one sentence each"], "follow_ups": ["one sentence each"]}
Use empty arrays when a section has nothing.`;

export async function summarizeBoardMinutes(pdfBytes, meta, apiKey) {
  const key = apiKey || process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
  if (!key) throw new Error('ANTHROPIC_API_KEY is not set');

  const res = await fetch(API_URL, { // expect-not: batchable-fanout, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, naive-retry
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: SUMMARY_MODEL,
      max_tokens: 1500,
      system: INSTRUCTIONS,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from(pdfBytes).toString('base64') } },
            { type: 'text', text: `Minutes of "${meta.title}" (${meta.date}). Reply with the JSON object only.` },
          ],
        },
      ],
    }),
  });

  if (!res.ok) { // expect-not: string-matched-error
    const detail = await res.text().catch(() => '');
    throw new Error(`messages ${res.status}: ${detail.slice(0, 300)}`);
  }
  const data = await res.json();
  const text = (data.content || []).filter((b) => b.type === 'text').map((b) => b.text).join('\n');
  const start = text.indexOf('{');
  return JSON.parse(text.slice(start, text.lastIndexOf('}') + 1));
}
