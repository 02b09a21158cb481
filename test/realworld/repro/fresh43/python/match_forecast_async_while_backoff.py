# realworld repro (positive + negative): naive-retry -- an async forecasting function builds a long conversation
# for one fixture and sends it with a short constant system prompt through an injected client; a while loop of
# three attempts catches every exception, sleeps 2 s then 4 s (asyncio) and re-sends, never reading retry-after,
# re-raising after the last attempt into an outer handler that returns a fallback; a second create re-asks once
# with a clarification when the answer cannot be parsed (a content re-ask, not an error retry)
# source: alexalbertt/claudemarchmadness claude_integration.py:240
# source: alexalbertt/claudemarchmadness claude_integration.py:242
# source: alexalbertt/claudemarchmadness claude_integration.py:249
# source: alexalbertt/claudemarchmadness claude_integration.py:298
import asyncio
import logging
import re

log = logging.getLogger("forecast")

SYSTEM = """You are a football analyst helping fill in a whole season of fixtures.
Weigh recent form, injuries, head-to-head history and bookmaker consensus, then give one pick."""


async def forecast_fixture(fixture, client, model="claude-3-7-sonnet-20250219"):
    home, away = fixture["home"], fixture["away"]
    messages = [
        {"role": "user", "content": f"Here is what I gathered about {home} against {away}:\n\n{fixture['notes']}"},
        {"role": "assistant", "content": "Thanks, I have read the notes."},
        {"role": "user", "content": "Answer as:\nPICK: <team>\nCONFIDENCE: <50-100>%"},
    ]
    try:
        attempts = 3
        tried = 0
        reply = None
        while tried < attempts:  # expect: naive-retry
            try:
                reply = client.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
                    model=model,
                    max_tokens=1000,
                    messages=messages,
                    system=SYSTEM,
                )
                break
            except Exception as exc:  # expect-not: string-matched-error
                tried += 1
                log.warning("forecast call failed (%d/%d): %s", tried, attempts, exc)
                if tried < attempts:
                    await asyncio.sleep(2**tried)
                else:
                    raise
        text = reply.content[0].text
        pick = re.search(r"PICK:\s*(.+)", text)
        if not pick:
            messages.append({"role": "assistant", "content": text})
            messages.append({"role": "user", "content": "Please reply only with the PICK and CONFIDENCE lines."})
            try:
                again = client.messages.create(  # expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
                    model=model,
                    max_tokens=1000,
                    messages=messages,
                    system=SYSTEM,
                )
                pick = re.search(r"PICK:\s*(.+)", again.content[0].text)
            except Exception as exc:
                log.error("clarification failed: %s", exc)
        return {"pick": pick.group(1).strip() if pick else home}
    except Exception as exc:
        log.error("giving up on %s v %s: %s", home, away, exc)
        return {"pick": home}
