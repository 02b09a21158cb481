// realworld repro (positive + negative): batchable-fanout and naive-retry -- one step of an offline
// pipeline reads every extract file the previous step left in a results folder, sends one request per file
// and writes each answer to its own output file, skipping files already done; a failed call ends the run
// source: Tracer-Cloud/tracer-robot-army src/002-pattern-generate.ts:58
// source: Tracer-Cloud/tracer-robot-army src/002-pattern-generate.ts:32
import Anthropic from '@anthropic-ai/sdk';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function runStep(): Promise<void> {
  const inDir = join(process.cwd(), 'out/step-1');
  const outDir = join(process.cwd(), 'out/step-2');
  await mkdir(outDir, { recursive: true });

  for (const name of await readdir(inDir)) { // expect-not: naive-retry
    if (!name.endsWith('.json')) continue;
    const target = join(outDir, `${name}.txt`);
    if (existsSync(target)) continue;

    const extract = JSON.parse(await readFile(join(inDir, name), 'utf8')) as { file: string; snippet: string };
    const answer = await claude.messages.create({ // expect: batchable-fanout
      model: 'claude-sonnet-4-20250514',
      max_tokens: 4000,
      messages: [
        {
          role: 'user',
          content: `Write a matching regular expression for the step defined in ${extract.file}:\n${extract.snippet}`,
        },
      ],
    });
    const text = answer.content[0].type === 'text' ? answer.content[0].text : '';
    await writeFile(target, text);
    console.log(`saved ${target}`);
  }
}

runStep().catch(console.error);
