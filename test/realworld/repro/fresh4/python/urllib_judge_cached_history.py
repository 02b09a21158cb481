# realworld repro (negative): uncached-prompt look-alike -- a raw urllib POST to /v1/messages once per meeting
# turn whose system block and history prefix both carry cache_control; model-routing look-alike -- the short
# yes/no judgement already runs on Haiku; naive-retry look-alike -- judge() catches any error and returns "", nothing
# is re-sent
# source: niujingjingbfsu/meeting-silent-secretary api_judge.py:95
# source: niujingjingbfsu/meeting-silent-secretary api_judge.py:118
import asyncio
import json
import urllib.error
import urllib.request

URL = "https://api.anthropic.com/v1/messages"


class TurnJudge:
    def __init__(self, key, system):
        self.key = key
        self.system = system
        self.history = []

    def _post(self, turn, timeout):
        messages = list(self.history)
        if messages:
            last = dict(messages[-1])
            last["content"] = [{"type": "text", "text": last["content"], "cache_control": {"type": "ephemeral"}}]
            messages[-1] = last
        messages.append({"role": "user", "content": turn})
        body = json.dumps(
            {
                "model": "claude-haiku-4-5",
                "max_tokens": 80,
                "system": [{"type": "text", "text": self.system, "cache_control": {"type": "ephemeral"}}],
                "messages": messages,
            }
        ).encode()
        req = urllib.request.Request(
            URL,
            data=body,
            method="POST",
            headers={"x-api-key": self.key, "anthropic-version": "2023-06-01", "content-type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # expect-not: uncached-prompt
                data = json.loads(resp.read().decode())
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"HTTP {e.code}")
        text = "".join(c.get("text", "") for c in data.get("content", []) if c.get("type") == "text").strip()
        self.history += [{"role": "user", "content": turn}, {"role": "assistant", "content": text}]
        self.history = self.history[-200:]
        return text

    async def judge(self, turn, timeout=20):
        try:  # expect-not: naive-retry
            return await asyncio.to_thread(self._post, turn, timeout)
        except Exception as e:
            print(f"judge failed: {e}")
            return ""
