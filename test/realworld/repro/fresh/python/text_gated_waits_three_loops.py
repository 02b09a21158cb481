# realworld repro (positive): naive-retry and string-matched-error -- three loops around creates on an
# injected client retry every exception; the wait is chosen from the error text ("rate_limit"/"429" in a
# lower-cased copy, or "429" in str(e) inside the sleep's conditional expression); retry-after is never read
# source: Mahyar-GH79/Automated-Multimodal-Analysis-of-Air-Traffic-around-Non-Towered-Airports-using-Large-Language-Models claude_inference.py:74
# source: Mahyar-GH79/Automated-Multimodal-Analysis-of-Air-Traffic-around-Non-Towered-Airports-using-Large-Language-Models claude_inference.py:87
# source: Mahyar-GH79/Automated-Multimodal-Analysis-of-Air-Traffic-around-Non-Towered-Airports-using-Large-Language-Models claude_inference.py:118
# source: Mahyar-GH79/Automated-Multimodal-Analysis-of-Air-Traffic-around-Non-Towered-Airports-using-Large-Language-Models claude_inference.py:130
# source: Mahyar-GH79/Automated-Multimodal-Analysis-of-Air-Traffic-around-Non-Towered-Airports-using-Large-Language-Models claude_inference.py:139
# source: Mahyar-GH79/Automated-Multimodal-Analysis-of-Air-Traffic-around-Non-Towered-Airports-using-Large-Language-Models claude_inference.py:151
import time

MODEL = "claude-sonnet-4-5"


def make_client(key):
    import anthropic

    return anthropic.Anthropic(api_key=key)
BASE = 2.0


def one_turn(client, system, chat, tries=3):
    for n in range(tries):  # expect: naive-retry
        try:
            reply = client.messages.create(model=MODEL, max_tokens=512, system=system, messages=chat)
            return reply.content[0].text
        except Exception as err:
            lowered = str(err).lower()
            if "rate_limit" in lowered or "429" in lowered:  # expect: string-matched-error
                time.sleep(BASE * 2**n)
            elif "401" in lowered or "400" in lowered:
                raise
            else:
                time.sleep(BASE)
    raise RuntimeError("no reply")


def two_turns(client, system, chat, follow_up, tries=3):
    for n in range(tries):  # expect: naive-retry
        try:
            first = client.messages.create(model=MODEL, max_tokens=512, system=system, messages=chat)
            reasoning = first.content[0].text
            break
        except Exception as err:
            time.sleep(BASE * 2**n if "429" in str(err) else BASE)  # expect: string-matched-error
    else:
        raise RuntimeError("turn one failed")
    chat = chat + [{"role": "assistant", "content": reasoning}, {"role": "user", "content": follow_up}]
    for n in range(tries):  # expect: naive-retry
        try:
            second = client.messages.create(model=MODEL, max_tokens=512, system=system, messages=chat)
            return reasoning, second.content[0].text
        except Exception as err:
            time.sleep(BASE * 2**n if "429" in str(err) else BASE)  # expect: string-matched-error
    raise RuntimeError("turn two failed")
