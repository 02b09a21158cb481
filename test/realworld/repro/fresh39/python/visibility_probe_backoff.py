# realworld repro (module): the backoff helper imported by visibility_probe_imported_backoff_retry_after.py -- a POST
# retried on 408/409/429/5xx and timeouts with full-jitter exponential waits that waits at least the response's
# retry-after header when it has one; typed provider errors; no Claude call here
# source: micheleDibi/edunews24-ai-visibility-monitor app/clients/anthropic_client.py:105
import asyncio
import contextlib
import random

import httpx

RETRY_ON = frozenset({408, 409, 429, 500, 502, 503, 504})


class ProbeError(Exception):
    state = "error"


class ProbeTimeout(ProbeError):
    state = "timeout"


class ProbeLimited(ProbeError):
    state = "rate_limited"


def _pause(attempt: int, base: float, ceiling: float) -> float:
    return min(ceiling, base * (2**attempt)) * (0.5 + random.random() / 2)


async def post_with_backoff(http: httpx.AsyncClient, *, provider: str, attempts: int = 3, base: float = 2.0,
                            ceiling: float = 30.0, **kwargs) -> httpx.Response:
    last = None
    for attempt in range(attempts):  # expect-not: naive-retry
        try:
            resp = await http.post(**kwargs)
        except httpx.TimeoutException as exc:
            last = exc
            if attempt == attempts - 1:
                raise ProbeTimeout(f"{provider}: timed out {attempts} times") from exc
            await asyncio.sleep(_pause(attempt, base, ceiling))
            continue
        except httpx.HTTPError as exc:
            raise ProbeError(f"{provider}: network error {exc}") from exc

        if resp.status_code not in RETRY_ON:
            if resp.is_error:
                raise ProbeError(f"{provider}: HTTP {resp.status_code}: {resp.text[:400]}")
            return resp

        last = resp.status_code
        if attempt == attempts - 1:
            break
        wait = _pause(attempt, base, ceiling)
        if (header := resp.headers.get("retry-after")) is not None:
            with contextlib.suppress(ValueError):
                wait = max(wait, min(float(header), ceiling))
        await asyncio.sleep(wait)

    if last == 429:
        raise ProbeLimited(f"{provider}: still limited after {attempts} tries")
    raise ProbeError(f"{provider}: out of attempts ({last})")
