// realworld repro (positive + negative): batchable-fanout -- an offline script walks every lesson of a course JSON
// file, keeps the ones whose blurb is missing or looks like a pasted transcript, sends one raw fetch Messages
// request (Haiku, a short instruction in the user turn) per lesson through a same-file helper, pauses a little
// after each, and writes the whole file back after the loop
// source: vincent-edmond/momentum scripts/generate-descriptions.mjs:21
// source: vincent-edmond/momentum scripts/generate-descriptions.mjs:49
// source: vincent-edmond/momentum scripts/generate-descriptions.mjs:86
// source: vincent-edmond/momentum scripts/generate-descriptions.mjs:13
import fs from 'fs';

const COURSE_FILE = 'data/course.json';
const KEY = process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key

async function writeBlurb(lessonTitle) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { // expect: batchable-fanout; expect-not: naive-retry, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, retries-disabled
    method: 'POST',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 150,
      messages: [{ role: 'user', content: `Write two short sentences telling a learner what the lesson "${lessonTitle}" teaches. Reply with the sentences only.` }],
    }),
  });
  if (!res.ok) { // expect-not: string-matched-error
    throw new Error(`blurb request failed with ${res.status}`);
  }
  const body = await res.json();
  return body.content[0].text.trim();
}

async function main() {
  const course = JSON.parse(fs.readFileSync(COURSE_FILE, 'utf-8'));
  let written = 0;
  for (const lesson of course.lessons) {
    const current = lesson.blurb || '';
    if (current.length >= 30 && !/^(um|so,|okay|hi everyone)/i.test(current)) continue;
    try {
      lesson.blurb = await writeBlurb(lesson.title); // expect-not: unbounded-fanout
      written++;
    } catch (err) {
      console.error(`skipped ${lesson.title}: ${err.message}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fs.writeFileSync(COURSE_FILE, JSON.stringify(course, null, 2));
  console.log(`${written} blurbs written`);
}

main().catch(console.error);
