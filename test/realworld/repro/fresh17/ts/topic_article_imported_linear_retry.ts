// realworld repro (positive): naive-retry -- a news script writes one article per call, its create inside withRetry
// imported from a sibling module: two attempts, any error re-sent after 10 s times the attempt number, no
// retry-after, on a client that keeps the SDK's maxRetries 2
// source: papamamour-spec/jubel scripts/actualite/generate.ts:50
import Anthropic from "@anthropic-ai/sdk";
import { withRetry } from "./topic_article_retry";

const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, timeout: 120_000, maxRetries: 2 });

export async function writeArticle(topic: string, slug: string): Promise<string> {
  const article = await withRetry(`article:${slug}`, 2, async () => { // expect: naive-retry
    const response = await client.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 2048,
      messages: [{ role: "user", content: `Write a short news article about: ${topic}` }],
    });
    const block = response.content.find((b) => b.type === "text");
    if (!block || block.type !== "text") throw new Error("no text in the reply");
    return block.text;
  });
  return article;
}
