// realworld repro (negative): batchable-fanout, unbounded-fanout and naive-retry -- the first step of the same
// pipeline parses every local source file at once (no Claude call in that fan-out), then sends one request
// per code segment as a single Message Batch and polls its status every few seconds until it has ended
// source: Tracer-Cloud/tracer-robot-army src/001-source-extract.ts:249
// source: Tracer-Cloud/tracer-robot-army src/001-source-extract.ts:173
// source: Tracer-Cloud/tracer-robot-army src/001-source-extract.ts:261
import Anthropic from '@anthropic-ai/sdk';
import { readFile, writeFile } from 'node:fs/promises';
import { listSourceFiles, segmentsOf } from './segments';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function extractAll(): Promise<void> {
  const files = await listSourceFiles();
  const parsed = await Promise.all(files.map(async (f) => ({ f, segments: segmentsOf(await readFile(f, 'utf8')) }))); // expect-not: unbounded-fanout

  const requests = parsed.flatMap(({ f, segments }) =>
    segments.map((s) => ({
      custom_id: `${s.start}-${s.end}`,
      params: {
        model: 'claude-sonnet-4-20250514',
        max_tokens: 4000,
        messages: [{ role: 'user' as const, content: `List the rules in lines ${s.start}-${s.end} of ${f}:\n${s.text}` }],
      },
    })),
  );
  if (requests.length === 0) return;

  const batch = await claude.messages.batches.create({ requests }); // expect-not: batchable-fanout
  let status = batch;
  while (status.processing_status !== 'ended') { // expect-not: naive-retry
    await new Promise((r) => setTimeout(r, 10_000));
    status = await claude.messages.batches.retrieve(batch.id);
  }
  for await (const row of await claude.messages.batches.results(batch.id)) {
    if (row.result.type === 'succeeded') {
      const block = row.result.message.content[0];
      await writeFile(`out/step-1/${row.custom_id}.json`, JSON.stringify(block));
    }
  }
}
