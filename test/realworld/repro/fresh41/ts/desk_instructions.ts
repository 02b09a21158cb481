// realworld repro (module): the prompt builder imported by booking_desk_cached_system_contact_regex.ts -- returns the
// desk's system prompt text; no Claude call here
// source: TimWin93/ubuyer-site functions/src/claude.ts:103
export function deskInstructions(): string {
  return [ // expect-not: uncached-prompt, hardcoded-api-key
    "You answer guests of a small mountain guesthouse.",
    "Keep answers to three short paragraphs.",
    "When a guest wants a call back, ask for a handle, a phone number or an e-mail address.",
  ].join("\n");
}
