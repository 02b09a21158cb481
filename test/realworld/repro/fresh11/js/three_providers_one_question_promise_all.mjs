// realworld repro (negative): unbounded-fanout and batchable-fanout look-alikes -- an interactive CLI asks one
// typed question of three providers at once with Promise.all over a literal list of three calls (one of them a
// small Haiku request) and prints the answers
// source: Krizh27/Self-consistency-engine-CLI index.js:21
// source: Krizh27/Self-consistency-engine-CLI services/claude.js:4
import readline from 'node:readline/promises'
import { stdin, stdout } from 'node:process'
import Anthropic from '@anthropic-ai/sdk'

const claude = new Anthropic()

async function fromClaude(q) {
  const r = await claude.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing
    model: 'claude-haiku-4-5',
    max_tokens: 120,
    messages: [{ role: 'user', content: q }],
  })
  return r.content[0].text
}

async function fromOtherVendor(q) {
  const res = await fetch('https://llm.example.com/v1/answer', { method: 'POST', body: JSON.stringify({ q }) })
  return (await res.json()).text
}

async function fromLocalModel(q) {
  return `local echo: ${q}`
}

const rl = readline.createInterface({ input: stdin, output: stdout })
const q = await rl.question('your question: ')
const [a, b, c] = await Promise.all([fromOtherVendor(q), fromClaude(q), fromLocalModel(q)]) // expect-not: unbounded-fanout, batchable-fanout
console.log(a, '\n', b, '\n', c)
rl.close()
