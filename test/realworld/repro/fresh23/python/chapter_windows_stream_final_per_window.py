# realworld repro (positive + negative): batchable-fanout -- an offline evaluation script: main() walks books and
# their overlapping text windows and calls a same-file helper once per window; the helper streams the request but
# only keeps the final message (nobody watches the tokens) and the reply is written to a per-window JSON file before
# scoring; look-alikes: the helper's rate-limit handler waits the retry-after header, a bad-request handler tests
# the error text for a cache TTL word, a second provider's loop tests its own error text for 429, the shared prompt
# goes first in the user content with cache_control, the model is a CLI argument at 64,000 tokens, the loop is
# sequential and paced, the key comes from the environment
# source: Webuddhist-tech/layer-detection-llm-zeroshot src/zeroshot_run.py:176
# source: Webuddhist-tech/layer-detection-llm-zeroshot src/zeroshot_run.py:174
# source: Webuddhist-tech/layer-detection-llm-zeroshot src/zeroshot_run.py:195
# source: Webuddhist-tech/layer-detection-llm-zeroshot src/zeroshot_run.py:125
# source: Webuddhist-tech/layer-detection-llm-zeroshot src/zeroshot_run.py:309
import argparse
import json
import time
from pathlib import Path

from windows import cut_windows


def ask_other(api, model: str, prompt: str, piece: str, tries: int = 4):
    for n in range(tries):  # expect-not: naive-retry
        try:
            return api.models.generate_content(model=model, contents=prompt + piece).text
        except Exception as exc:
            note = str(exc)
            if "429" in note:  # expect-not: string-matched-error
                time.sleep(20 * (n + 1))
                continue
            if n == tries - 1:
                raise
    return ""


def ask_claude(api, model: str, prompt: str, piece: str, tries: int = 4):
    import anthropic
    blocks = [
        {"type": "text", "text": prompt, "cache_control": {"type": "ephemeral", "ttl": "1h"}},
        {"type": "text", "text": piece},
    ]
    for n in range(tries):  # expect-not: naive-retry
        try:
            with api.messages.stream(  # expect: batchable-fanout
                model=model, max_tokens=64000,
                messages=[{"role": "user", "content": blocks}],
            ) as s:
                final = s.get_final_message()
            return "".join(b.text for b in final.content if b.type == "text")
        except anthropic.RateLimitError as exc:
            time.sleep(int(exc.response.headers.get("retry-after", 30)))
        except anthropic.BadRequestError as exc:
            if "ttl" in str(exc).lower() and blocks[0]["cache_control"].get("ttl"):  # expect-not: string-matched-error
                blocks[0]["cache_control"] = {"type": "ephemeral"}
                continue
            raise
    return ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--books", nargs="+", required=True)
    ap.add_argument("--model", default="claude-sonnet-5")
    ap.add_argument("--out", default="runs/chapters")
    ap.add_argument("--rpm", type=float, default=12.0)
    args = ap.parse_args()

    import anthropic
    api = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key
    prompt = Path("chapters/prompt.md").read_text()
    gap = 60.0 / args.rpm
    for book in args.books:
        text = Path(f"texts/{book}.txt").read_text()
        folder = Path(args.out) / book
        folder.mkdir(parents=True, exist_ok=True)
        for i, w in enumerate(cut_windows(text, 16000, 2000)):
            saved = folder / f"{i:04d}.json"
            if saved.exists():
                continue
            started = time.time()
            raw = ask_claude(api, args.model, prompt, w["text"])
            saved.write_text(json.dumps({"book": book, "window": i, "raw": raw}), encoding="utf-8")
            time.sleep(max(0.0, gap - (time.time() - started)))


if __name__ == "__main__":
    main()
