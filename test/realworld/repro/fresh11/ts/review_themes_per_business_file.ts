// realworld repro (positive + negative): batchable-fanout -- an offline script walks a folder of venue JSON
// files, sends one Sonnet request per venue (one local call below the loop) and writes each answer to its own
// output file in the same pass, spread into a typed record first (`const full: VenueThemes = { ...themes }`, as the
// original's `const full: ReviewAnalysis`; corrected by tuneE: the first version wrote the answer directly, which the
// engine already found); a failed venue is logged and skipped
// source: anngalante123/burgh-quarterly scripts/analyze-reviews.ts:78
// source: anngalante123/burgh-quarterly scripts/analyze-reviews.ts:146
// source: anngalante123/burgh-quarterly scripts/analyze-reviews.ts:126
// source: anngalante123/burgh-quarterly scripts/analyze-reviews.ts:117
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';

const IN_DIR = join(process.cwd(), 'data', 'venues');
const OUT_DIR = join(process.cwd(), 'data', 'themes');

type VenueThemes = { file: string; themes: string[]; analyzedAt: string };

async function themesFor(claude: Anthropic, venue: { name: string; comments: string[] }) {
  const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    model: 'claude-sonnet-4-5',
    max_tokens: 1500,
    messages: [
      {
        role: 'user',
        content: `Visitors wrote these ${venue.comments.length} comments about ${venue.name}. Return JSON {"themes": [...]}.\n${venue.comments.join('\n')}`,
      },
    ],
  });
  const block = reply.content.find((b) => b.type === 'text');
  return block && block.type === 'text' ? JSON.parse(block.text) : null;
}

async function main() {
  const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: hardcoded-api-key
  for (const file of await readdir(IN_DIR)) { // expect-not: unbounded-fanout
    const venue = JSON.parse(await readFile(join(IN_DIR, file), 'utf-8'));
    try { // expect-not: naive-retry
      const themes = await themesFor(claude, venue);
      const full: VenueThemes = {
        file,
        ...themes,
        analyzedAt: new Date().toISOString(),
      };
      await writeFile(join(OUT_DIR, file), JSON.stringify(full, null, 2), 'utf-8');
    } catch (e) {
      console.error(`skipped ${file}: ${(e as Error).message}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
