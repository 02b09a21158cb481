// realworld repro (negative): string-matched-error look-alikes -- an error mapper reads the SDK error's status and
// structured error type for rate limits (status 429 / 'rate_limit_error'), tests the message text only for a
// context-length problem, and a raw axios helper tests a billing phrase and the HTTP status
// source: Y0lan/skills-graph server/routes/chat.ts:122
// source: Y0lan/skills-graph server/routes/chat.ts:125
// source: dynasty-nerds/helpscout-automation lib/claude-client.ts:650
// source: dynasty-nerds/helpscout-automation lib/claude-client.ts:660
import axios from 'axios';

export function explainFailure(err: unknown): string {
  const e = err as { status?: number; error?: { error?: { type?: string } }; message?: string };
  const status = e?.status;
  const kind = e?.error?.error?.type;
  if (status === 429 || kind === 'rate_limit_error') { // expect-not: string-matched-error
    return 'The assistant is busy, try again in a minute.';
  }
  if (kind === 'context_length_exceeded' || /context.*length|too.*long/i.test(e?.message ?? '')) { // expect-not: string-matched-error
    return 'Too much context: pick fewer people.';
  }
  return 'Something went wrong.';
}

export async function draftReply(key: string, ticket: string): Promise<string> {
  try {
    const res = await axios.post(
      'https://api.anthropic.com/v1/messages',
      { model: 'claude-sonnet-4-5', max_tokens: 1000, messages: [{ role: 'user', content: ticket }] },
      { headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' } },
    );
    return res.data.content[0].text;
  } catch (error: any) {
    if (error.response?.data?.error?.message?.includes('credit balance is too low')) { // expect-not: string-matched-error
      return 'Out of credits.';
    } else if (error.response?.status === 429) { // expect-not: string-matched-error
      return 'Rate limited, later.';
    }
    return 'Could not draft a reply.';
  }
}
