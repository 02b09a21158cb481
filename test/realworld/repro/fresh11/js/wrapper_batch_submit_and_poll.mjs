// realworld repro (negative): a shared wrapper that submits prompts as a Message Batches job (each request's
// params carry max_tokens), polls the batch every 30 s until it ends, and offers a one-shot create for debugging
// source: WeAreAnatomy/wiserTimes scripts/lib/claude.mjs:49
// source: WeAreAnatomy/wiserTimes scripts/lib/claude.mjs:47
// source: WeAreAnatomy/wiserTimes scripts/lib/claude.mjs:63
// source: WeAreAnatomy/wiserTimes scripts/lib/claude.mjs:84
import Anthropic from '@anthropic-ai/sdk'

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }) // expect-not: hardcoded-api-key

export async function submitAll(jobs) {
  const batch = await claude.messages.batches.create({
    requests: jobs.map((job) => ({ // expect-not: batchable-fanout, unbounded-fanout
      custom_id: job.id,
      params: { // expect-not: missing-max-tokens
        model: job.model,
        max_tokens: job.maxTokens,
        system: job.system,
        messages: [{ role: 'user', content: job.prompt }],
      },
    })),
  })
  return batch.id
}

export async function waitForBatch(id, everyMs = 30_000) {
  while (true) { // expect-not: naive-retry
    const state = await claude.messages.batches.retrieve(id)
    if (state.processing_status === 'ended') return state
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

export async function tryOnce({ model, system, prompt, maxTokens = 2500 }) {
  const reply = await claude.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
    model,
    max_tokens: maxTokens,
    system,
    messages: [{ role: 'user', content: prompt }],
  })
  return reply.content.filter((b) => b.type === 'text').map((b) => b.text).join('\n')
}
