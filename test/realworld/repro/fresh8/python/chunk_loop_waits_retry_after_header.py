# realworld repro (negative): naive-retry look-alike -- a chunked document translator re-sends a chunk after a
# rate limit only once it has slept the response's retry-after header (plus a little jitter), and re-sends other
# API errors only when they are 5xx; each chunk's request carries the previous chunk's result, so the per-chunk
# calls are chained (not batchable)
# source: aosullivan/tibetan-translation translation_client.py:45
# source: aosullivan/tibetan-translation translation_client.py:53
import random
import time

from anthropic import Anthropic, APIError, RateLimitError


class ChunkRenderer:
    def __init__(self, sdk: Anthropic, model: str):
        self.sdk = sdk
        self.model = model

    def render(self, chunk: str, previous: str = "") -> str:
        attempts = 4
        for attempt in range(attempts):  # expect-not: naive-retry
            try:
                reply = self.sdk.messages.create(  # expect-not: batchable-fanout, missing-max-tokens
                    model=self.model,
                    max_tokens=900,
                    messages=[
                        {
                            "role": "user",
                            "content": f"Earlier rendering:\n{previous}\n\nRender into plain English:\n{chunk}",
                        }
                    ],
                )
                return "".join(part.text for part in reply.content)
            except RateLimitError as exc:
                self._pause_for_limit(exc, attempt, attempts)
            except APIError as exc:
                self._pause_for_server(exc, attempt, attempts)
        raise RuntimeError("chunk not rendered")

    @staticmethod
    def _pause_for_limit(exc: RateLimitError, attempt: int, attempts: int) -> None:
        if attempt == attempts - 1:
            raise exc
        wait = int(exc.response.headers.get("retry-after", 1))
        time.sleep(wait + random.uniform(0, 0.4))

    @staticmethod
    def _pause_for_server(exc: APIError, attempt: int, attempts: int) -> None:
        status = getattr(exc, "status_code", None)
        if status and status >= 500 and attempt < attempts - 1:
            time.sleep(2**attempt)
            return
        raise exc


def render_document(chunks):
    renderer = ChunkRenderer(Anthropic(), "claude-sonnet-4-5")
    previous = ""
    out = []
    for chunk in chunks:
        previous = renderer.render(chunk, previous)
        out.append(previous)
    return "\n\n".join(out)
