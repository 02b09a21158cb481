# realworld repro (negative): batchable-fanout, naive-retry and uncached-prompt look-alikes -- a labelling module
# that sends the bulk of its rows through messages.batches.create (params from a same-file builder with
# max_tokens 2,048 and a system block that already carries cache_control) and keeps a small sequential trial
# path whose per-row loop records a RateLimitError as the row's status and moves on; errors are told apart by
# class and status; the rows go back to the caller; the key comes from the environment
# source: jameschen108/tw-stock-sentiment src/pttsent/sentiment/llm_label.py:176
# source: jameschen108/tw-stock-sentiment src/pttsent/sentiment/llm_label.py:145
# source: jameschen108/tw-stock-sentiment src/pttsent/sentiment/llm_label.py:178
# source: jameschen108/tw-stock-sentiment src/pttsent/sentiment/llm_label.py:180
# source: jameschen108/tw-stock-sentiment src/pttsent/sentiment/llm_label.py:134
# source: vesko-st/classifier-builder tools/claude_batch.py:64
import anthropic

STANCE_RULES = """You label forum posts about a listed company as bullish, bearish, neutral or off-topic.
Use only the text. Quote the words that decided it."""


def build_params(model, post):
    return {
        "model": model,
        "max_tokens": 2048,
        "system": [{"type": "text", "text": STANCE_RULES, "cache_control": {"type": "ephemeral"}}],
        "messages": [{"role": "user", "content": post["text"][:2000]}],
    }


def submit_all(model, posts):
    client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    batch = client.messages.batches.create(  # expect-not: batchable-fanout, missing-max-tokens
        requests=[{"custom_id": p["id"], "params": build_params(model, p)} for p in posts])
    return batch.id


def trial(model, posts):
    client = anthropic.Anthropic()
    out = []
    for post in posts:
        params = build_params(model, post)
        try:
            msg = client.messages.create(**params)  # expect-not: batchable-fanout, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, model-routing, unbounded-fanout
            out.append({"id": post["id"], "status": "ok", "text": msg.content[0].text})
        except anthropic.RateLimitError:  # expect-not: naive-retry
            out.append({"id": post["id"], "status": "rate_limited"})
        except anthropic.APIStatusError as e:  # expect-not: string-matched-error
            out.append({"id": post["id"], "status": f"http_{e.status_code}"})
    return out
