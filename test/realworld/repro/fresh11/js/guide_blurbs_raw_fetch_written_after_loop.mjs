// realworld repro (positive + negative): batchable-fanout -- an offline script walks every venue of a JSON
// file, sends one raw Haiku request to /v1/messages per venue (two local calls below the loop), stores each
// blurb on the venue and writes the whole file back after the loop; a failed venue is logged and skipped
// source: 315112yjvs/bangkok-guide scripts/generate-descriptions.mjs:14
// source: 315112yjvs/bangkok-guide scripts/generate-descriptions.mjs:60
// source: 315112yjvs/bangkok-guide scripts/generate-descriptions.mjs:66
// source: 315112yjvs/bangkok-guide scripts/generate-descriptions.mjs:9
import fs from 'fs'

const VENUES_FILE = './venues.json'
const KEY = process.env.ANTHROPIC_API_KEY // expect-not: hardcoded-api-key

async function askHaiku(text) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 180, messages: [{ role: 'user', content: text }] }),
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    method: 'POST',
  })
  const body = await res.json()
  if (!res.ok) throw new Error(`request failed with ${res.status}`)
  return body.content[0].text.trim()
}

async function blurbFor(venue) {
  return askHaiku(`Write two friendly sentences for visitors about ${venue.name}, a ${venue.kind} rated ${venue.stars}/5.`)
}

async function main() {
  const venues = JSON.parse(fs.readFileSync(VENUES_FILE, 'utf-8'))
  for (let i = 0; i < venues.length; i++) { // expect-not: unbounded-fanout
    try { // expect-not: naive-retry
      venues[i].blurb = await blurbFor(venues[i])
    } catch (err) {
      console.error(`venue ${i} skipped: ${err.message}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  fs.writeFileSync(VENUES_FILE, JSON.stringify(venues, null, 2))
}

main().catch(console.error)
