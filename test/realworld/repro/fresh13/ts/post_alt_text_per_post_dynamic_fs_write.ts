// realworld repro (positive + negative): batchable-fanout -- an offline script fetches trending posts and awaits
// one Claude 3 Haiku alt-text request (100 tokens) per post with an image, up to a limit, one local call below the
// loop; the answers are collected and written to a JSON file after the loop through a dynamic import of fs;
// look-alikes: the model is already Haiku, the helper's catch returns a default text, and the 1 s pause is pacing
// source: SkateHive/skatehive3.0 scripts/generate-alt-text.ts:82
// source: SkateHive/skatehive3.0 scripts/generate-alt-text.ts:94
// source: SkateHive/skatehive3.0 scripts/generate-alt-text.ts:151
// source: SkateHive/skatehive3.0 scripts/generate-alt-text.ts:114
import Anthropic from '@anthropic-ai/sdk';

interface Shot {
  author: string;
  title: string;
  url: string;
}

const LIMIT = 50;

async function loadShots(limit: number): Promise<Shot[]> {
  const res = await fetch(`https://example.org/api/trending?limit=${limit}`);
  return (await res.json()) as Shot[];
}

async function describe(shot: Shot, client: Anthropic): Promise<string> {
  try {
    const message = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
      model: 'claude-3-haiku-20240307',
      max_tokens: 100,
      messages: [{ role: 'user', content: `Write alt text (under 120 characters) for a climbing photo.\nPost: "${shot.title}" by @${shot.author}\nImage: ${shot.url}\nReturn only the text.` }],
    });
    return message.content[0].type === 'text' ? message.content[0].text.trim().slice(0, 120) : '';
  } catch (error) { // expect-not: naive-retry
    console.error(`alt text failed: ${error}`);
    return `Climbing photo by @${shot.author}`;
  }
}

async function main() {
  const key = process.env.ANTHROPIC_API_KEY;
  if (!key) process.exit(1);
  const client = new Anthropic({ apiKey: key }); // expect-not: hardcoded-api-key, retries-disabled

  const shots = await loadShots(LIMIT);
  const results: Array<{ shot: Shot; alt: string }> = [];
  for (const shot of shots.slice(0, LIMIT)) { // expect-not: unbounded-fanout
    const alt = await describe(shot, client);
    results.push({ shot, alt });
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }

  const fs = await import('fs');
  fs.writeFileSync('./alt-results.json', JSON.stringify(results, null, 2));
}

main().catch(console.error);
