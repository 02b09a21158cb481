// realworld repro (negative): a Firebase function reads one uploaded roster photo per request through a streamed
// beta create read only with finalMessage() at 32,000 tokens, on a client with a 240 s timeout and the SDK's two
// retries kept on purpose; a constant system prompt of about 2,000 characters (far under any cacheable minimum), a
// configured model, and class-based mapping of RateLimitError and friends to user messages
// source: ccadrian/Dienstplan-sync functions/src/claude.ts:120
// source: ccadrian/Dienstplan-sync functions/src/claude.ts:110
// source: ccadrian/Dienstplan-sync functions/src/claude.ts:170
import Anthropic from "@anthropic-ai/sdk";

export class UserFacingError extends Error {
  constructor(public kind: "busy" | "failed", message: string) {
    super(message);
  }
}

const RULES = `You copy shift rosters from photos into calendar entries.
For every shift on the sheet give date (YYYY-MM-DD), start and end (HH:MM, 24 h, empty when missing), a short title,
the place, the person in charge and any note that belongs to that shift only. Mark whole-day entries (leave, duty,
sick days) as all_day with empty times, one entry per day. Work out the year and week from the sheet; when only
weekdays are printed, count from the ISO week shown; if nothing is printed, assume the current or the next week.
Leave crossed-out lines out; handwriting wins over print. When the photo shows no roster or cannot be read, set
readable to false, give no entries and say why in one short sentence. Never invent anything that is not on the sheet.`;

export function makeRosterReader(apiKey: string, model: string) {
  const client = new Anthropic({ apiKey, maxRetries: 2, timeout: 240_000 }); // expect-not: retries-disabled, hardcoded-api-key

  return async (photo: Buffer, today: string): Promise<string> => {
    let reply: Anthropic.Beta.BetaMessage;
    try {
      reply = await client.beta.messages // expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt, batchable-fanout, naive-retry, unbounded-fanout
        .stream({
          model,
          max_tokens: 32_000,
          thinking: { type: "adaptive" },
          system: RULES,
          messages: [
            {
              role: "user",
              content: [
                { type: "image", source: { type: "base64", media_type: "image/jpeg", data: photo.toString("base64") } },
                { type: "text", text: `Today is ${today}. Read every shift on this sheet.` },
              ],
            },
          ],
        })
        .finalMessage();
    } catch (err) {
      throw toUserError(err);
    }
    return reply.content.map((b) => (b.type === "text" ? b.text : "")).join("");
  };
}

function toUserError(err: unknown): UserFacingError {
  if (err instanceof Anthropic.RateLimitError || err instanceof Anthropic.InternalServerError) { // expect-not: string-matched-error
    return new UserFacingError("busy", "The reader is busy. Please try again in a minute.");
  }
  return new UserFacingError("failed", "The photo could not be read. Please try again.");
}
