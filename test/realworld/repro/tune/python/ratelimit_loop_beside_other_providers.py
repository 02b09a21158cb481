# realworld repro (positive + negative): naive-retry -- the Claude helper loops three times and sleeps
# 30 s * attempt on RateLimitError (retry-after never read); the same loop around a Gemini call, its
# "429"/"quota" text test on the Gemini error, and a generic two-try wrapper applied only to the other
# providers are look-alikes
# source: Jaey27/financial-extractor claude_client.py:262
# source: Jaey27/financial-extractor claude_client.py:242
# source: Jaey27/financial-extractor claude_client.py:248
# source: Jaey27/financial-extractor claude_client.py:281
import time

import anthropic
import google.generativeai as genai

claude = anthropic.Anthropic()
gemini = genai.GenerativeModel("gemini-2.5-flash")


def ask_gemini(system, prompt, limit=4000):
    for attempt in range(3):  # expect-not: naive-retry
        try:
            return gemini.generate_content(f"{system}\n\n{prompt}").text or ""
        except Exception as err:
            text = str(err).lower()
            if ("429" in text or "quota" in text) and attempt < 2:  # expect-not: string-matched-error
                time.sleep(10 * (attempt + 1))
            else:
                raise
    return ""


def ask_claude(system, prompt, limit=4000):
    for attempt in range(3):  # expect: naive-retry
        try:
            reply = claude.messages.create(
                model="claude-sonnet-4-5",
                max_tokens=limit,
                system=system,
                messages=[{"role": "user", "content": prompt}],
            )
            return reply.content[0].text
        except anthropic.RateLimitError:
            if attempt < 2:
                time.sleep(30 * (attempt + 1))
            else:
                raise
    return ""


def two_tries(call, system, prompt, limit):
    error = ""
    for attempt in range(2):  # expect-not: naive-retry
        try:
            return call(system, prompt, limit), ""
        except Exception as err:
            error = str(err)
            if attempt < 1:
                time.sleep(2)
    return None, error


def ask(system, prompt, limit=4000):
    text, _ = two_tries(ask_gemini, system, prompt, limit)
    if text is not None:
        return text
    return ask_claude(system, prompt, limit)
