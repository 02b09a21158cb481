# realworld repro (negative): model-routing, string-matched-error -- a check script loops over a literal list of six
# model ids (Sonnet and Opus among them) and sends each the same constant "Hi" at max_tokens=10 to see which ids the
# key can use, printing a table; the handler looks for "model not found" in the error text, not for a rate limit
# source: nshrhm/llm-literary-analysis claude_check_model.py:18
# source: nshrhm/llm-literary-analysis claude_check_model.py:25
import os

import anthropic


def try_model(client, model):
    try:
        client.messages.create(  # expect-not: model-routing, batchable-fanout, missing-max-tokens, naive-retry
            model=model,
            max_tokens=10,
            messages=[{"role": "user", "content": "Hi"}],
        )
        return True, "ok"
    except anthropic.APIError as err:
        if "model not found" in str(err).lower():  # expect-not: string-matched-error
            return False, "unknown model"
        return False, str(err)


def main():
    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        raise SystemExit("no key")
    client = anthropic.Client(api_key=key)
    candidates = [
        "claude-3-7-sonnet-20250219",
        "claude-3-5-sonnet-20241022",
        "claude-3-5-haiku-20241022",
        "claude-3-sonnet-20240229",
        "claude-3-haiku-20240307",
        "claude-3-opus-20240229",
    ]
    for model in candidates:
        usable, note = try_model(client, model)
        print(f"{model:<34} {'yes' if usable else 'no':<4} {note}")


if __name__ == "__main__":
    main()
