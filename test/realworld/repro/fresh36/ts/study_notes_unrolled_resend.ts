// realworld repro (negative): naive-retry ignore (the re-sends carry other arguments: a fallback, not the same request) -- a "repair" helper sends a structured request through askStructured
// imported from a sibling module, and when anything fails (its bare catch takes rate limits too) sends the same
// request again at once with a stricter system suffix, then a third time on a smaller request; no wait and no
// retry-after, on a client that keeps the SDK's retries
// source: ioanniskokkinis/study-guide-claude src/lib/ai/structured-retry.ts:67
// source: ioanniskokkinis/study-guide-claude src/lib/ai/structured-retry.ts:60
import { askStructured, type AskOptions, type AskResult } from "./study_notes_unrolled_resend_claude";

export class RepairFailedError extends Error {
  constructor(public readonly lastError: unknown) {
    super("no valid structured answer after repair attempts");
  }
}

function stricter(options: AskOptions): AskOptions {
  return { ...options, system: `${options.system}\n\nYour last answer was cut off or invalid. Reply with complete JSON only.` };
}

export async function askWithRepair(
  options: AskOptions,
  shrink?: (options: AskOptions) => AskOptions | null,
): Promise<AskResult> {
  let lastError: unknown;

  try {
    return await askStructured(options); // expect-not: missing-max-tokens, unbounded-fanout, batchable-fanout
  } catch (error) {
    lastError = error;
  }

  try {
    return await askStructured(stricter(options));
  } catch (error) {
    lastError = error;
  }

  const smaller = shrink?.(options);
  if (smaller) {
    try {
      return await askStructured(stricter(smaller));
    } catch (error) {
      lastError = error;
    }
  }

  throw new RepairFailedError(lastError);
}
