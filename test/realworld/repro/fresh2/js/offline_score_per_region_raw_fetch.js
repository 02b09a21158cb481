// realworld repro (positive + negative): batchable-fanout -- an offline script posts one raw-fetch
// Messages request per region through a local helper, assigns the returned scores to each region and
// writes the whole file after the loop; a failed region is logged and skipped, nothing is resent
// source: J0seph021/indice-idiocratie scripts/classify.mjs:32
// source: J0seph021/indice-idiocratie scripts/classify.mjs:47
import { readFile, writeFile } from 'node:fs/promises';

const FILE = 'data/regions.json';
const SYSTEM = 'You rate short news lists on three axes from 0 to 100. Reply with JSON only.';
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function ask(prompt) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { method: 'POST', // expect: batchable-fanout
    headers: { 'content-type': 'application/json', 'x-api-key': process.env.ANTHROPIC_API_KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 500, system: SYSTEM, messages: [{ role: 'user', content: prompt }] }) });
  if (!res.ok) throw new Error('Claude ' + res.status);
  return (await res.json()).content?.[0]?.text || '';
}

async function main() {
  const data = JSON.parse(await readFile(FILE, 'utf8'));
  for (let i = 0; i < data.regions.length; i++) { // expect-not: naive-retry
    const region = data.regions[i];
    const list = (region.stories || []).map((s, j) => `${j}. ${s.title}`).join('\n');
    if (i > 0) await pause(2000);
    let parsed;
    try {
      parsed = JSON.parse(await ask(`REGION: ${region.name}\n${list}\nReturn {"calm":n,"noise":n,"trust":n}`));
    } catch (err) {
      console.warn(`${region.name}: ${err.message}`);
      continue;
    }
    region.axes = { calm: parsed.calm ?? 50, noise: parsed.noise ?? 50, trust: parsed.trust ?? 50 };
  }
  await writeFile(FILE, JSON.stringify(data, null, 2) + '\n', 'utf8');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
