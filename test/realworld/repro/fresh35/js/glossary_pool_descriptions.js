// realworld repro (positive + negative): batchable-fanout -- an offline node script lets a pool of three workers
// drain a queue of glossary sections, sending one Opus 5 structured create per section (with a validation repair
// re-ask), collects the definitions in a Map and writes the merged module once the pool is done; the pool is
// bounded (unbounded-fanout look-alike) and 16,000 tokens is neither classification-sized nor past the bound
// source: haugsand/taksonomi scripts/generate-descriptions.mjs:125
// source: haugsand/taksonomi scripts/generate-descriptions.mjs:195
// source: haugsand/taksonomi scripts/generate-descriptions.mjs:197
import { writeFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { loadSections, MAX_LEN, tooLong } from './glossary_sections.mjs';

const MODEL = 'claude-opus-5';
const WORKERS = 3;

const SYSTEM = `You write one-line glossary definitions for a cooking course.
Each definition: one sentence, at most ${MAX_LEN} characters, concrete, never repeating the term itself.`;

const SHAPE = {
  type: 'object',
  properties: { items: { type: 'array', items: { type: 'object', properties: { term: { type: 'string' }, text: { type: 'string' } }, required: ['term', 'text'], additionalProperties: false } } },
  required: ['items'],
  additionalProperties: false,
};

const client = new Anthropic();

async function ask(messages) {
  const reply = await client.messages.create({ // expect: batchable-fanout; expect-not: model-routing, nonstreaming-max-tokens, uncached-prompt
    model: MODEL,
    max_tokens: 16000,
    system: SYSTEM,
    output_config: { format: { type: 'json_schema', schema: SHAPE } },
    messages,
  });
  const text = reply.content.find((b) => b.type === 'text')?.text ?? '{"items":[]}';
  return JSON.parse(text).items;
}

async function defineSection(section) {
  const messages = [{ role: 'user', content: `Section: ${section.name}\nTerms:\n${section.terms.map((t) => `- ${t}`).join('\n')}` }];
  const first = await ask(messages);
  const out = new Map(first.map((e) => [e.term, e.text]));
  const redo = section.terms.filter((t) => !out.has(t) || tooLong(out.get(t)));
  if (redo.length) {
    messages.push({ role: 'assistant', content: JSON.stringify({ items: first }) });
    messages.push({ role: 'user', content: `Shorten or add these: ${redo.join(', ')}` });
    for (const e of await ask(messages)) if (redo.includes(e.term)) out.set(e.term, e.text);
  }
  return out;
}

const pending = [...(await loadSections())];
const definitions = new Map();
await Promise.all( // expect-not: unbounded-fanout
  Array.from({ length: Math.min(WORKERS, pending.length) }, async () => {
    for (let section = pending.shift(); section; section = pending.shift()) { // expect-not: naive-retry
      try {
        const found = await defineSection(section);
        for (const term of section.terms) if (found.has(term)) definitions.set(term, found.get(term));
      } catch (error) {
        console.error(`${section.name}: ${error}`);
      }
    }
  }),
);

const lines = [...definitions].map(([term, text]) => `  ${JSON.stringify(term)}: ${JSON.stringify(text)},`);
writeFileSync('glossary.generated.mjs', `export default {\n${lines.join('\n')}\n};\n`);
