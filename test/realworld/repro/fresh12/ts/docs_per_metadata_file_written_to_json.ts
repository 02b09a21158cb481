// realworld repro (positive + negative): batchable-fanout -- an offline docs script walks every generated metadata
// file and awaits one Sonnet request per changed file, two local calls below the loop (main -> describeFile ->
// askModel); each answer is written to its own JSON file; look-alikes: the per-file loop logs a failure and moves
// on (no retry), runs one file at a time with a pause, and the constant system prompt is far under the caching
// minimum; the client comes from a dynamic import typed any
// source: myevaluations/myevals-docs scripts/ai-enrich.ts:100
// source: myevaluations/myevals-docs scripts/ai-enrich.ts:377
// source: myevaluations/myevals-docs scripts/ai-enrich.ts:87
import * as fs from 'fs/promises';
import * as path from 'path';

const INPUT_DIR = path.resolve('out/metadata');
const OUTPUT_DIR = path.resolve('out/notes');
const PAUSE_MS = 1200;

const GUIDE = `You write short engineering notes about one module of an inventory system.
Answer with the sections Purpose, Main types and Caveats, in markdown.`;

let cached: any = null;

async function modelClient(): Promise<any> {
  if (cached) return cached;
  const { default: Anthropic } = await import('@anthropic-ai/sdk');
  cached = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  return cached;
}

async function askModel(body: string): Promise<string> {
  const client = await modelClient();
  const reply = await client.messages.create({ // expect: batchable-fanout; expect-not: uncached-prompt, model-routing, missing-max-tokens, nonstreaming-max-tokens
    model: 'claude-sonnet-4-5',
    max_tokens: 4096,
    system: GUIDE,
    messages: [{ role: 'user', content: body }],
  });
  const block = reply.content.find((b: any) => b.type === 'text');
  return block?.text ?? '';
}

async function describeFile(file: string): Promise<boolean> {
  const raw = await fs.readFile(file, 'utf-8');
  try {
    const note = await askModel(`Module metadata:\n${raw.slice(0, 60_000)}`);
    const target = path.join(OUTPUT_DIR, path.basename(file, '.json') + '.note.json');
    await fs.writeFile(target, JSON.stringify({ file, note }, null, 2), 'utf-8');
    return true;
  } catch (err) {
    console.error(`could not describe ${file}: ${String(err)}`);
    return false;
  }
}

async function main(): Promise<void> {
  await fs.mkdir(OUTPUT_DIR, { recursive: true });
  const names = (await fs.readdir(INPUT_DIR)).filter((n) => n.endsWith('.json'));
  let done = 0;
  for (const name of names) { // expect-not: unbounded-fanout, naive-retry
    try {
      if (await describeFile(path.join(INPUT_DIR, name))) {
        done++;
        await new Promise((r) => setTimeout(r, PAUSE_MS));
      }
    } catch (err) {
      console.error(`skipped ${name}: ${String(err)}`);
    }
  }
  console.log(`described ${done} of ${names.length}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
