// realworld repro (positive + negative): naive-retry -- a translation helper runs a raw-fetch Messages
// request (any non-OK status, 429 included, throws) and the JSON parse in a three-try loop with a fixed
// 3 s wait, never reading retry-after; the loop over regions only pauses between items
// source: J0seph021/indice-idiocratie scripts/translate.mjs:51
// source: J0seph021/indice-idiocratie scripts/translate.mjs:85
const LANGS = ['fr', 'it', 'nl'];
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function ask(prompt) {
  const res = await fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': process.env.ANTHROPIC_API_KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 2000, messages: [{ role: 'user', content: prompt }] }),
  });
  if (!res.ok) throw new Error('Claude ' + res.status + ': ' + (await res.text()));
  return (await res.json()).content?.[0]?.text || '';
}

async function translateStrings(label, strings) {
  const prompt = `Translate each value into ${LANGS.join(', ')}. Reply with JSON keyed by language.\n\n${JSON.stringify(strings)}`;
  let out;
  for (let i = 0; i < 3; i++) { // expect: naive-retry
    try {
      out = JSON.parse(await ask(prompt));
      break;
    } catch (err) {
      console.warn(`again ${label}: ${err.message}`);
      await pause(3000);
    }
  }
  return out ?? {};
}

export async function translateRegions(data) {
  for (let i = 0; i < data.regions.length; i++) { // expect-not: naive-retry
    const region = data.regions[i];
    if (i > 0) await pause(2500);
    const done = await translateStrings(region.name, { headline: region.headline, blurb: region.blurb });
    region.translations = done;
  }
  return data;
}
