// realworld repro (negative): batchable-fanout -- an offline grading script scores every prompt
// file with two judge models in turn and writes one JSON report, but every call goes to OpenRouter's
// OpenAI-compatible chat endpoint (the Messages Batches API does not serve it); a failed judge is
// logged and skipped
// source: dryvist/llm-prompt-evals scripts/grade_prompts.mjs:71
// source: dryvist/llm-prompt-evals scripts/grade_prompts.mjs:76
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const JUDGES = ['anthropic/claude-haiku-4.5', 'google/gemini-flash'];
const TOKEN = process.env.OPENROUTER_API_KEY;

async function grade(model, text) {
  const res = await fetch('https://openrouter.ai/api/v1/chat/completions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model,
      max_tokens: 300,
      messages: [
        { role: 'system', content: 'Score the prompt 0-10 for clarity. Reply {"score":N}.' },
        { role: 'user', content: text },
      ],
    }),
  });
  const data = await res.json();
  return JSON.parse(data.choices[0].message.content);
}

const dir = process.argv[2] ?? 'prompts';
const report = [];
for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) { // expect-not: batchable-fanout
  const text = readFileSync(join(dir, name), 'utf8');
  const scores = [];
  for (const model of JUDGES) {
    try { scores.push({ model, ...(await grade(model, text)) }); } // expect-not: naive-retry
    catch (err) { console.error(`${name} / ${model}: ${err.message}`); }
  }
  report.push({ name, scores });
}
writeFileSync('grades.json', JSON.stringify(report, null, 2));
