# realworld repro (negative): naive-retry -- a daily digest helper asks Claude once per run for a forced tool call and
# asks once more only when the reply lacks the tool block (its handler catches RuntimeError alone, which no SDK error
# is, so a 429 goes back through the SDK's own retries to the caller); a second path runs the Claude CLI in a
# subprocess inside an attempt loop through a nested function of the same local name, with no API request in it;
# look-alikes: model and max_tokens from an imported config, a constant tool schema of about 700 characters
# source: LCLx/daily-news-summary src/claude_client.py:103
# source: LCLx/daily-news-summary src/claude_client.py:133
# source: LCLx/daily-news-summary src/claude_client.py:88
import json
import subprocess

from anthropic import Anthropic

from settings import API_KEY, DIGEST_MODEL, DIGEST_TOKENS, CLI_TRIES

BRIEF_TOOL = {
    "name": "write_brief",
    "input_schema": {
        "type": "object",
        "properties": {
            "headlines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"topic": {"type": "string"}, "line": {"type": "string"}},
                    "required": ["topic", "line"],
                },
            }
        },
        "required": ["headlines"],
    },
}


def brief_via_api(prompt: str) -> str:
    api = Anthropic(api_key=API_KEY)  # expect-not: retries-disabled, hardcoded-api-key

    def ask():
        reply = api.messages.create(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
            model=DIGEST_MODEL,
            max_tokens=DIGEST_TOKENS,
            tools=[BRIEF_TOOL],
            tool_choice={"type": "tool", "name": "write_brief"},
            messages=[{"role": "user", "content": prompt}],
        )
        for part in reply.content:
            if part.type == "tool_use":
                return json.dumps(part.input)
        raise RuntimeError("no write_brief call in the reply")

    try:
        return ask()
    except RuntimeError:  # expect-not: naive-retry, string-matched-error
        print("reply had no tool call, asking once more")
        return ask()


def brief_via_cli(prompt: str) -> str:
    def ask():
        done = subprocess.run(["claude", "--print", prompt], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
        return done.stdout

    last = None
    for n in range(1, CLI_TRIES + 1):  # expect-not: naive-retry
        try:
            return ask()
        except RuntimeError as err:
            last = err
            print(f"cli try {n} failed")
    raise ValueError(f"cli gave up: {last}")
