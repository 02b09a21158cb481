// realworld repro (positive + negative): naive-retry and string-matched-error -- a recipe-import route wraps its Opus
// creates in a same-file callWithRetry whose for loop re-sends on status 429 as well as 529 or an "overloaded"
// message, waiting 1 s doubling plus jitter, never reading retry-after; the only text test is the overload one
// source: cronere/simply-sous app/api/recipes/extract/route.js:13
// source: cronere/simply-sous app/api/recipes/extract/route.js:17
// source: cronere/simply-sous app/api/recipes/extract/route.js:157
// source: cronere/simply-sous app/api/recipes/extract/route.js:245
import Anthropic from '@anthropic-ai/sdk'

const anthropic = new Anthropic({
  apiKey: process.env.ANTHROPIC_API_KEY,
})

async function callWithRetry(fn, maxRetries) {
  var max = maxRetries || 3
  for (var attempt = 0; attempt <= max; attempt++) { // expect: naive-retry
    try {
      return await fn()
    } catch (err) {
      var busy = err.status === 529 || (err.message && err.message.includes('overloaded')) // expect-not: string-matched-error
      var limited = err.status === 429
      if ((busy || limited) && attempt < max) {
        var wait = Math.pow(2, attempt) * 1000 + Math.random() * 500
        await new Promise(function (resolve) { setTimeout(resolve, wait) })
        continue
      }
      throw err
    }
  }
}

const IMPORT_SYSTEM = `You turn recipe pages into JSON with title, servings, ingredients and steps.
Return only the JSON object.`

export async function POST(request) {
  const { kind, text, pdfBase64 } = await request.json()
  if (kind === 'pdf') {
    const resp = await callWithRetry(function () {
      return anthropic.messages.create({ // expect-not: model-routing, uncached-prompt, nonstreaming-max-tokens
        model: 'claude-opus-4-6',
        max_tokens: 8192,
        system: IMPORT_SYSTEM,
        messages: [{
          role: 'user',
          content: [
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdfBase64 } },
            { type: 'text', text: 'Return every recipe in this PDF as a JSON array.' },
          ],
        }],
      })
    })
    return Response.json({ raw: resp.content[0]?.text || '' })
  }
  const response = await callWithRetry(function () {
    return anthropic.messages.create({ // expect-not: model-routing, uncached-prompt
      model: 'claude-opus-4-6',
      max_tokens: 4000,
      system: IMPORT_SYSTEM,
      messages: [{ role: 'user', content: 'Structure this recipe:\n\n' + text }],
    })
  })
  return Response.json({ raw: response.content[0]?.text || '' })
}
