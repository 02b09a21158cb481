// realworld repro (module): the shared client imported by timetable_import_rate_text_backoff.ts -- built with only a
// key read from the environment, so the SDK's default retries stay on
// source: moplacer-dev/nola-tts lib/pdf-calendar-extractor.ts:205
import Anthropic from "@anthropic-ai/sdk";

export const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY ?? "" }); // expect-not: retries-disabled, hardcoded-api-key
