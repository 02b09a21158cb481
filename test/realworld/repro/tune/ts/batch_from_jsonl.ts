// realworld repro (negative): missing-max-tokens -- a batch whose requests are read back from a JSONL file
// source: EvilPatrick06/DnD scripts/retry-failed.ts:125
import * as fs from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic();

export async function resubmit(file: string): Promise<string> {
  const requests = fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const job = await claude.messages.batches.create({ // expect-not: missing-max-tokens
    requests,
  });
  return job.id;
}
