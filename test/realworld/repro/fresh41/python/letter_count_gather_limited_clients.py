# realworld repro (negative): unbounded-fanout, missing-max-tokens, model-routing, uncached-prompt -- a benchmark
# gathers one task per (model, variant, repetition) at once, each asking a client object handed out by a factory that
# builds one per-minute aiolimiter per model; the Claude client's method (sibling module) waits on that limiter before
# every create and retries by itself (reported there)
# source: iuriialekseev/StrawberryBench benchmark.py:31
# source: iuriialekseev/StrawberryBench benchmark.py:14
import asyncio

from aiolimiter import AsyncLimiter

from letter_count_client_tenacity_limiter import LetterCountClaude

RUNS = [{"name": "anthropic/claude-sonnet-4-5", "per_minute": 4}]
VARIANTS = range(0, 10)
REPEATS = 20
_clients: dict[str, LetterCountClaude] = {}


def client_for(run: dict) -> LetterCountClaude:
    if run["name"] not in _clients:
        _clients[run["name"]] = LetterCountClaude(run["name"], AsyncLimiter(run.get("per_minute", 100), time_period=60))
    return _clients[run["name"]]


def make_word(extra: int) -> str:
    return "cherr" + "r" * extra + "y"


async def one_try(run: dict, extra: int) -> tuple[str, int, bool]:
    word = make_word(extra)
    answer = await client_for(run).ask(f"How many r letters are in '{word}'? Reply as <n>number</n>.")  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, string-matched-error, retries-disabled, hardcoded-api-key
    return run["name"], extra, f"<n>{word.count('r')}</n>" in answer


async def main() -> None:
    jobs = [one_try(run, extra) for run in RUNS for extra in VARIANTS for _ in range(REPEATS)]
    outcomes = await asyncio.gather(*jobs)  # expect-not: unbounded-fanout
    hits: dict[tuple[str, int], list[bool]] = {}
    for name, extra, ok in outcomes:
        hits.setdefault((name, extra), []).append(ok)
    for key, oks in hits.items():
        print(key, round(100 * sum(oks) / len(oks)))


if __name__ == "__main__":
    asyncio.run(main())
