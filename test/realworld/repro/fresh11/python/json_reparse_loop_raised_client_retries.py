# realworld repro (negative): naive-retry look-alike -- a helper re-sends the create only when the reply's JSON fails to
# parse, while API errors leave the loop for the SDK's own retries; retries-disabled look-alike -- max_retries raised to 6
# source: estorrecilla-creator/the-quiet src/anthropic_utils.py:42
# source: estorrecilla-creator/the-quiet src/anthropic_utils.py:39
import json

import anthropic


def ask_for_json(system: str, user: str, max_tokens: int, model: str, parse_tries: int = 3) -> dict:
    client = anthropic.Anthropic(max_retries=6)  # expect-not: retries-disabled
    problem: Exception | None = None
    for attempt in range(parse_tries):  # expect-not: naive-retry
        reply = client.messages.create(
            model=model,
            max_tokens=max_tokens,
            system=system,
            messages=[{"role": "user", "content": user}],
        )
        text = "".join(b.text for b in reply.content if b.type == "text").strip()
        try:
            return json.loads(text, strict=False)
        except json.JSONDecodeError as err:
            problem = err
            print(f"malformed JSON on try {attempt + 1}, asking again")
    raise ValueError(f"no valid JSON after {parse_tries} tries: {problem}")
