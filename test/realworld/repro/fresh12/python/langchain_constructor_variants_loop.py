# realworld repro (negative): naive-retry and missing-max-tokens look-alikes -- a loop with try/continue over
# LangChain ChatAnthropic constructor variants (no request is sent, so nothing is retried), and a smoke test
# through LangChain's invoke rather than a Messages create
# source: statspy-ml/datasec_meli src/utils/anthropic_client.py:35
# source: statspy-ml/datasec_meli src/utils/anthropic_client.py:50
import os

from langchain_anthropic import ChatAnthropic


def build_chat(model: str = "claude-sonnet-4-5", temperature: float = 0.2):
    key = os.getenv("CHAT_KEY")
    makers = [
        lambda: ChatAnthropic(model=model, temperature=temperature, anthropic_api_key=key),
        lambda: ChatAnthropic(model=model, temperature=temperature),
    ]
    for n, make in enumerate(makers, 1):  # expect-not: naive-retry
        try:
            return make()
        except Exception as e:
            print(f"variant {n} failed: {e}")
            continue
    return None


def smoke(chat: ChatAnthropic) -> bool:
    try:
        answer = chat.invoke("Reply with the single word READY")  # expect-not: missing-max-tokens
        return "READY" in str(answer.content)
    except Exception:
        return False
