// realworld repro (positive + negative): batchable-fanout -- an offline script asks Haiku (max_tokens
// 60, through a small node:https request helper) for a tagline for every listing that lacks one, up to
// a limit per run, a pause apart, and posts each result back to the CMS; Haiku is already the small model
// source: palmerbd/eco-pest-directory scripts/generate-taglines.ts:246
// source: palmerbd/eco-pest-directory scripts/generate-taglines.ts:180
import * as https from 'node:https';

const KEY = process.env.ANTHROPIC_API_KEY ?? '';
const CMS = process.env.CMS_URL ?? 'https://cms.example.org/api';
const LIMIT = parseInt(process.env.LIMIT ?? '40', 10);
const GAP_MS = 700;

function send(url: string, method: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (part) => (text += part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Listing {
  id: number;
  name: string;
  town: string;
}

async function tagline(item: Listing): Promise<string> {
  const res = await send( // expect: batchable-fanout
    'https://api.anthropic.com/v1/messages',
    'POST',
    { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 60,
      messages: [{ role: 'user', content: `Write a friendly one-line tagline for ${item.name} in ${item.town}.` }],
    }),
  );
  if (res.status !== 200) throw new Error(`Claude said ${res.status}`);
  return (JSON.parse(res.text).content?.[0]?.text ?? '').trim();
}

async function main(): Promise<void> {
  const listings = JSON.parse((await send(`${CMS}/listings?missing=tagline`, 'GET', {}, '')).text) as Listing[];
  const todo = listings.slice(0, LIMIT);
  for (const item of todo) {
    try {
      const line = await tagline(item);
      await send(`${CMS}/listings/${item.id}`, 'PATCH', { 'content-type': 'application/json' }, JSON.stringify({ tagline: line }));
    } catch (err) {
      console.error(`${item.name}: ${(err as Error).message}`);
    }
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
}

void main();
