# realworld repro (positive + negative): naive-retry -- a CLI's shared forced-tool helper builds its client with the
# SDK's retries off ("this module owns the retry policy") and wraps the one create in a three-attempt for loop that
# keeps RateLimitError, 5xx APIStatusError and connection errors and sleeps a fixed 1 s then 4 s schedule, never
# reading retry-after; other 4xx fail at once; look-alikes: max_retries=0 whose every call is in that loop, params
# passed as **request from a dict(...) with max_tokens, model and system from the caller, class-based handlers
# source: riptide-consulting/riptide-attest attest/model_client.py:143
# source: riptide-consulting/riptide-attest attest/model_client.py:126
# source: riptide-consulting/riptide-attest attest/model_client.py:145
# source: riptide-consulting/riptide-attest attest/model_client.py:148
import time

ATTEMPTS = 3
PAUSES = (1.0, 4.0)


class HelperError(RuntimeError):
    pass


def ask_with_tool(model: str, system: str, text: str, tool: str, schema: dict, max_tokens: int) -> dict:
    import anthropic

    client = anthropic.Anthropic(max_retries=0)  # expect-not: retries-disabled, hardcoded-api-key
    request = dict(
        model=model,
        max_tokens=max_tokens,
        system=system,
        messages=[{"role": "user", "content": text}],
        tools=[{"name": tool, "input_schema": schema}],
        tool_choice={"type": "tool", "name": tool},
    )
    last = None
    for attempt in range(1, ATTEMPTS + 1):  # expect: naive-retry
        try:
            reply = client.messages.create(**request)  # expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
        except anthropic.RateLimitError as err:
            last = err
        except anthropic.APIStatusError as err:  # expect-not: string-matched-error
            if err.status_code >= 500:
                last = err
            else:
                raise HelperError(f"refused with HTTP {err.status_code}") from err
        except anthropic.APIConnectionError as err:
            last = err
        else:
            for block in reply.content:
                if block.type == "tool_use" and block.name == tool:
                    return dict(block.input)
            raise HelperError(f"no {tool} call in the reply")
        if attempt < ATTEMPTS:
            time.sleep(PAUSES[attempt - 1])
    raise HelperError(f"gave up after {ATTEMPTS} attempts") from last
