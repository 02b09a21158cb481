// realworld repro (module): the answer function imported by chat_reply_two_hop_sender.ts -- sends the request
// once through a sibling raw-fetch module and turns any failure into a 503-style error; no retry
// source: matti909/hono-chat-app src/integrations/generate_message.ts:15
import { postToMessages } from "./chat_reply_two_hop_sender_send";

export class UpstreamDown extends Error {
  readonly status = 503;
}

export async function answerWithClaude(request: object, apiKey: string): Promise<string> {
  try {
    const res = await postToMessages(request, apiKey); // expect-not: naive-retry
    if (!res.ok) throw new Error(`status ${res.status}`);
    const body = (await res.json()) as { content?: Array<{ text?: string }> };
    return body.content?.[0]?.text ?? "";
  } catch {
    throw new UpstreamDown("Claude integration is down");
  }
}
