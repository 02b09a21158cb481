// realworld repro (module): the raw-fetch sender two hops from chat_reply_two_hop_sender.ts -- one POST to the
// Messages endpoint with the caller's body and key
// source: matti909/hono-chat-app src/integrations/generate_message.ts:15

export async function postToMessages(body: object, apiKey: string): Promise<Response> {
  return fetch("https://api.anthropic.com/v1/messages", { // expect-not: retries-disabled, hardcoded-api-key
    method: "POST",
    body: JSON.stringify(body),
    headers: {
      "content-type": "application/json",
      "x-api-key": apiKey,
      "anthropic-version": "2023-06-01",
    },
  });
}
