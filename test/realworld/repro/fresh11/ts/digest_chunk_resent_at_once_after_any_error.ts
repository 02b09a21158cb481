// realworld repro (positive + negative): naive-retry -- an exported digest step sends one Haiku request per
// chunk of ten headlines; a same-file closure makes the request and parses the JSON reply, and when it throws
// (a bad reply, or an API error such as a 429) the closure is simply called again at once, no wait, no
// retry-after; the chunk loop itself is sequential and returns its results to a caller in another module
// source: DFEmukai/ai-news-digest scripts/summarize.ts:144
// source: DFEmukai/ai-news-digest scripts/summarize.ts:186
// source: DFEmukai/ai-news-digest scripts/summarize.ts:122
// source: DFEmukai/ai-news-digest scripts/summarize.ts:182
import Anthropic from '@anthropic-ai/sdk';

const DIGEST_MODEL = 'claude-haiku-4-5';
const EDITOR_NOTE = 'You tag news headlines. Reply with a JSON array of {"id","label"} objects and nothing else.';

interface Headline {
  id: string;
  text: string;
}

function toJsonArray(raw: string): Array<{ id: string; label: string }> {
  const parsed = JSON.parse(raw.trim());
  if (!Array.isArray(parsed)) throw new Error('reply is not an array');
  return parsed;
}

async function tagChunk(claude: Anthropic, chunk: Headline[]) {
  const ask = async () => {
    const reply = await claude.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
      model: DIGEST_MODEL,
      max_tokens: 2048,
      system: EDITOR_NOTE,
      messages: [{ role: 'user', content: JSON.stringify(chunk) }],
    });
    const text = reply.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    return toJsonArray(text);
  };

  try {
    return await ask();
  } catch (first) {
    console.warn('chunk failed once, asking again', first);
    try {
      return await ask(); // expect: naive-retry
    } catch (second) {
      console.warn('chunk failed twice, leaving it untagged', second);
      return chunk.map((h) => ({ id: h.id, label: 'untagged' }));
    }
  }
}

export async function tagAll(headlines: Headline[]) {
  const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, maxRetries: 3 }); // expect-not: retries-disabled, hardcoded-api-key
  const tagged: Array<{ id: string; label: string }> = [];
  for (let i = 0; i < headlines.length; i += 10) { // expect-not: unbounded-fanout
    tagged.push(...(await tagChunk(claude, headlines.slice(i, i + 10))));
  }
  return tagged;
}
