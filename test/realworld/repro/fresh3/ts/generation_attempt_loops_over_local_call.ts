// realworld repro (positive): naive-retry -- content generators loop over a local generateText
// (which reaches messages.create one more local call down): any error, 429s included, is logged and the
// next attempt follows a fixed doubling backoff (or no wait at all in the two-try demo helper), never
// retry-after; incomplete replies also lead to another attempt
// source: logancase06/aurapost lib/content-generator.ts:364
// source: logancase06/aurapost lib/content-generator.ts:394
// source: logancase06/aurapost lib/content-generator.ts:429
// source: logancase06/aurapost lib/content-generator.ts:693
import Anthropic from '@anthropic-ai/sdk';

const TRIES = 3;
const backoff = (attempt: number) => Math.min(300 * 2 ** (attempt - 1), 5000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function viaApi(prompt: string, maxTokens: number): Promise<string> {
  const client = new Anthropic();
  const msg = await client.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: maxTokens,
    system: 'You write social posts for a bakery. Reply with strict JSON only.',
    messages: [{ role: 'user', content: prompt }],
  });
  return msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
}

async function generateText(prompt: string, maxTokens = 6000): Promise<string> {
  return viaApi(prompt, maxTokens);
}

export async function monthOfPosts(brief: string): Promise<unknown[]> {
  for (let attempt = 1; attempt <= TRIES; attempt++) { // expect: naive-retry
    try {
      const posts = JSON.parse(await generateText(`Plan twelve posts: ${brief}`)).posts ?? [];
      if (posts.length >= 12) return posts;
    } catch (err) {
      console.error('attempt failed', attempt, String(err));
    }
    if (attempt < TRIES) await sleep(backoff(attempt));
  }
  return [];
}

export async function onePostVariant(brief: string, original: string): Promise<unknown> {
  for (let attempt = 1; attempt <= TRIES; attempt++) { // expect: naive-retry
    try {
      const posts = JSON.parse(await generateText(`Rewrite differently: ${original}\n${brief}`, 1200)).posts ?? [];
      if (posts.length > 0) return posts[0];
    } catch (err) {
      console.error('variant failed', attempt, String(err));
    }
    if (attempt < TRIES) await sleep(backoff(attempt));
  }
  return null;
}

export async function samplePost(brief: string): Promise<unknown> {
  for (let attempt = 1; attempt <= 2; attempt++) { // expect: naive-retry
    try {
      const posts = JSON.parse(await generateText(`One sample post: ${brief}`, 1000)).posts ?? [];
      if (posts[0]) return posts[0];
    } catch (err) {
      console.error('sample failed', attempt, String(err));
    }
  }
  return null;
}

export async function captionPack(brief: string): Promise<string[]> {
  for (let attempt = 1; attempt <= TRIES; attempt++) { // expect: naive-retry
    try {
      const raw = JSON.parse(await generateText(`Thirty short captions: ${brief}`, 2500));
      const captions = Array.isArray(raw.captions) ? raw.captions.map(String) : [];
      if (captions.length >= 30) return captions.slice(0, 30);
    } catch (err) {
      console.error('captions failed', attempt, String(err));
    }
    if (attempt < TRIES) await sleep(backoff(attempt));
  }
  return [];
}
