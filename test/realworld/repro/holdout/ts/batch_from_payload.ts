// realworld repro (negative): missing-max-tokens -- batches whose requests come from a payload file
// source: EvilPatrick06/DnD scripts/submit-mass-batch.ts:39
// source: EvilPatrick06/DnD scripts/submit-subclass-batch.ts:34
import * as fs from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function submit(payloadFile: string): Promise<string | undefined> {
  const lines = fs.readFileSync(payloadFile, 'utf8').trim().split('\n');
  const items = lines.map((l) => JSON.parse(l));
  try {
    const job = await claude.messages.batches.create({ requests: items }); // expect-not: missing-max-tokens
    return job.id;
  } catch (e) {
    console.error('submit failed', e);
    return undefined;
  }
}
