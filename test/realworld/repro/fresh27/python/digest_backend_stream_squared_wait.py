# realworld repro (positive + negative): naive-retry -- a multi-backend helper streams one Sonnet request per
# call inside a three-attempt loop whose catch-all handler logs and waits 4 s then 16 s (a square of the attempt)
# before sending again; retry-after is never read and the default client still retries on its own; an empty
# answer is retried too; look-alikes: the same loop around a command-line subprocess (no Messages request), a
# default client, a handler that only logs the error's text
# source: sorakimsr/ai-legaltech-watch scripts/llm_client.py:138
# source: sorakimsr/ai-legaltech-watch scripts/llm_client.py:78
# source: sorakimsr/ai-legaltech-watch scripts/llm_client.py:141
# source: sorakimsr/ai-legaltech-watch scripts/llm_client.py:131
# source: sorakimsr/ai-legaltech-watch scripts/llm_client.py:156
import os
import subprocess
import sys
import time


def ask_cli(prompt: str) -> str:
    problem = None
    for n in range(1, 4):  # expect-not: naive-retry
        try:
            done = subprocess.run(
                ["digest-cli", "--quiet"],
                input=prompt,
                capture_output=True, text=True, timeout=240,
            )
            if done.returncode == 0 and done.stdout.strip():
                return done.stdout.strip()
            problem = done.stderr[:100]
        except Exception as exc:
            problem = exc
        if n < 3:
            time.sleep(4 * (n ** 2))
    print(f"cli gave up: {problem}", file=sys.stderr)
    return ""


def ask_api(prompt: str, max_tokens: int = 900, temperature: float = 0.2) -> str:
    import anthropic

    client = anthropic.Anthropic()  # expect-not: retries-disabled
    problem = None
    for n in range(1, 4):  # expect: naive-retry
        try:
            pieces = []
            with client.messages.stream(  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
                model=os.environ.get("DIGEST_MODEL", "claude-sonnet-4-6"),
                max_tokens=max_tokens,
                temperature=temperature,
                messages=[{"role": "user", "content": prompt}],
            ) as stream:
                for chunk in stream.text_stream:
                    pieces.append(chunk)
            answer = "".join(pieces).strip()
            if answer:
                return answer
            problem = "empty answer"
        except Exception as exc:  # expect-not: string-matched-error
            problem = exc
            print(f"api attempt {n}: {str(exc)[:120]}", file=sys.stderr)
        if n < 3:
            time.sleep(4 * (n ** 2))
    print(f"api gave up: {problem}", file=sys.stderr)
    return ""
