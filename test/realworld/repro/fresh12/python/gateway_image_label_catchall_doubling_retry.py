# realworld repro (positive + negative): naive-retry -- a module-level helper resends an image-classification create
# up to four times; its catch-all Exception handler sleeps 2**attempt seconds and goes round again, never reading
# retry-after, on a client pointed at a third-party Anthropic-compatible gateway; look-alikes: a gateway key that is
# not in the Anthropic key format, and Sonnet with a 1024-token cap (above the classification threshold)
# source: daiyiran1130/Artifact-project claude_classify.py:121
# source: daiyiran1130/Artifact-project claude_classify.py:123
# source: daiyiran1130/Artifact-project claude_classify.py:23
import base64
import time
from pathlib import Path

import anthropic

GATEWAY_KEY = "sk-FAKEgatewaykey000000000000000000000000000000000"  # expect-not: hardcoded-api-key
GATEWAY_URL = "https://llm-relay.example.net"
LABEL_MODEL = "claude-sonnet-4-6"
LABEL_CAP = 1024

relay = anthropic.Anthropic(api_key=GATEWAY_KEY, base_url=GATEWAY_URL)


def label_scan(scan: Path, question: str, tries: int = 4) -> str:
    data = base64.b64encode(scan.read_bytes()).decode("ascii")
    for n in range(tries):  # expect: naive-retry
        try:
            reply = relay.messages.create(  # expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
                model=LABEL_MODEL,
                max_tokens=LABEL_CAP,
                temperature=0,
                messages=[
                    {
                        "role": "user",
                        "content": [
                            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}},
                            {"type": "text", "text": question},
                        ],
                    }
                ],
            )
            return reply.content[0].text.strip()
        except Exception as err:
            pause = 2**n
            print(f"scan {scan.name} failed ({err}); again in {pause}s")
            time.sleep(pause)
    return "error: gave up"
