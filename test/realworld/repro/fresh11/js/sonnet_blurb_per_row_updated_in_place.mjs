// realworld repro (positive + negative): batchable-fanout and model-routing -- a top-level script loops over
// every row of a Supabase query that lacks a blurb, asks Sonnet for a two-sentence blurb with a 200-token cap,
// and writes each answer back to its row in the same pass; failures are logged and counted
// source: timo7155-jpg/thereviewer scripts/generate-descriptions.mjs:35
// source: timo7155-jpg/thereviewer scripts/generate-descriptions.mjs:30
// source: timo7155-jpg/thereviewer scripts/generate-descriptions.mjs:34
// source: timo7155-jpg/thereviewer scripts/generate-descriptions.mjs:15
import { createClient } from '@supabase/supabase-js'
import Anthropic from '@anthropic-ai/sdk'

const db = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_KEY)
const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }) // expect-not: hardcoded-api-key

const { data: shops } = await db.from('shops').select('id, name, town, kind').is('blurb', null)

let written = 0
let failed = 0
for (let i = 0; i < shops.length; i++) { // expect-not: unbounded-fanout
  const shop = shops[i]
  try { // expect-not: naive-retry
    const reply = await claude.messages.create({ // expect: batchable-fanout, model-routing; expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
      model: 'claude-sonnet-4-5',
      max_tokens: 200,
      messages: [{ role: 'user', content: `Two plain sentences introducing ${shop.name}, a ${shop.kind} in ${shop.town}. No invented details.` }],
    })
    const text = reply.content[0].type === 'text' ? reply.content[0].text.trim() : ''
    await db.from('shops').update({ blurb: text }).eq('id', shop.id)
    written++
  } catch (err) {
    console.log(`failed: ${err.message}`)
    failed++
  }
  await new Promise((r) => setTimeout(r, 200))
}

console.log(`written ${written}, failed ${failed}`)
