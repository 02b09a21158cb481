// realworld repro (positive + negative): batchable-fanout -- an offline script walks every published essay in
// Firestore, skips those already translated, sends one Sonnet create per essay (8,192 tokens, under the
// non-streaming bound) and writes the translation back with a document update; no try in the loop
// source: K3rb3l/The-Koifman-Brief scripts/translate-posts.ts:29
// source: K3rb3l/The-Koifman-Brief scripts/translate-posts.ts:67
// source: K3rb3l/The-Koifman-Brief scripts/translate-posts.ts:17
import Anthropic from "@anthropic-ai/sdk";
import { getFirestore } from "firebase-admin/firestore";

const store = getFirestore();
const claude = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key

async function translateEssay(id: string) {
  const snap = await store.collection("essays").doc(id).get();
  const essay = snap.data();
  if (!essay || essay.title_fa) return;

  const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, string-matched-error
    model: "claude-sonnet-4-5",
    max_tokens: 8192,
    messages: [
      {
        role: "user",
        content: `Translate this essay into Persian and answer with JSON holding "title" and "body".\n\nTitle: ${essay.title}\n\n${essay.body}`,
      },
    ],
  });
  const text = reply.content[0].type === "text" ? reply.content[0].text : "";
  const parsed = JSON.parse(text.replace(/^```(?:json)?\s*/, "").replace(/\s*```$/, ""));
  await store.collection("essays").doc(id).update({ title_fa: parsed.title, body_fa: parsed.body });
}

async function main() {
  const published = await store.collection("essays").where("published", "==", true).get();
  for (const doc of published.docs) { // expect-not: naive-retry, unbounded-fanout
    await translateEssay(doc.id);
  }
}

main().catch(console.error);
