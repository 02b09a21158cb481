// realworld repro (negative): naive-retry, string-matched-error and hardcoded-api-key -- an LLM
// gateway re-sends a Gemini request once on 429 with a cheaper Gemini model (another provider, a
// model fallback), and spots a known placeholder Claude key by its prefix
// source: Vikasyadav0110/Outreach_leads_tool lib/anthropic.js:204
// source: Vikasyadav0110/Outreach_leads_tool lib/anthropic.js:308
import Anthropic from '@anthropic-ai/sdk';

async function geminiGenerate(model, prompt) {
  const key = process.env.GEMINI_API_KEY;
  const send = (m) =>
    fetch(`https://generativelanguage.googleapis.com/v1beta/models/${m}:generateContent?key=${key}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: prompt }] }] }),
    });
  let used = model;
  let res = await send(used);
  if (!res.ok && res.status === 429 && used !== 'gemini-2.5-flash') { // expect-not: naive-retry
    used = 'gemini-2.5-flash';
    res = await send(used);
  }
  if (!res.ok) throw new Error(`Gemini ${res.status}`);
  return res.json();
}

export function usingDemoKey() {
  const key = process.env.ANTHROPIC_API_KEY || '';
  return !key || key.startsWith('sk-ant-api03-demo'); // expect-not: hardcoded-api-key
}

export async function draft(prompt, provider) {
  if (provider === 'gemini') return geminiGenerate('gemini-2.5-pro', prompt);
  const client = new Anthropic();
  return client.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1500,
    messages: [{ role: 'user', content: prompt }],
  });
}
