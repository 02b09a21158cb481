# realworld repro (positive + negative): naive-retry -- two loops over slices of a language file retry a same-file
# translate helper (which builds a client and sends the create) after a fixed sleep: one in a while loop entered
# from the first failure, one as a while loop that breaks on success; any Exception goes round again and
# retry-after is never read (both report progress to a waiting caller); look-alikes: an 8192-token
# non-streaming create and a client key from config
# source: YorickLane/translation-app translate_claude.py:330
# source: YorickLane/translation-app translate_claude.py:464
# source: YorickLane/translation-app translate_claude.py:224
# source: YorickLane/translation-app translate_claude.py:345
import json
import logging
import time

from anthropic import Anthropic

from app_config import LOCALE_KEY, LOCALE_MODEL, SLICE, PAUSE, TRIES

log = logging.getLogger(__name__)


def render(chunk, lang, model=None):
    api = Anthropic(api_key=LOCALE_KEY)
    ask = f"Translate the values of this JSON object into {lang}; keep the keys:\n{json.dumps(chunk, ensure_ascii=False)}"
    out = api.messages.create(  # expect-not: nonstreaming-max-tokens, model-routing, missing-max-tokens, uncached-prompt
        model=model or LOCALE_MODEL,
        max_tokens=8192,
        messages=[{"role": "user", "content": ask}],
    )
    return json.loads(out.content[0].text)


def localise_pairs(pairs, lang, progress=None, model=None):
    keys = list(pairs.items())
    done = {}
    for start in range(0, len(keys), SLICE):
        chunk = dict(keys[start : start + SLICE])
        if progress:
            progress(100 * start / len(keys), f"slice {start // SLICE + 1}")
        try:
            done.update(render(chunk, lang, model))
        except Exception as first:
            log.error("slice at %d failed: %s", start, first)
            attempt = 0
            while attempt < 3:  # expect: naive-retry
                attempt += 1
                try:
                    time.sleep(PAUSE * 2)
                    done.update(render(chunk, lang, model))
                    break
                except Exception as again:
                    log.error("retry %d failed: %s", attempt, again)  # expect-not: string-matched-error
                    if attempt == 3:
                        done.update(chunk)
    return done


def localise_module(pairs, lang, progress=None, model=None):
    keys = list(pairs.items())
    done = {}
    for start in range(0, len(keys), SLICE):
        chunk = dict(keys[start : start + SLICE])
        if progress:
            progress(100 * start / len(keys), f"slice {start // SLICE + 1}")
        attempt = 0
        while attempt <= TRIES:  # expect: naive-retry
            try:
                done.update(render(chunk, lang, model))
                break
            except Exception as err:
                log.error("slice at %d failed: %s", start, err)
                if attempt < TRIES:
                    attempt += 1
                    time.sleep(PAUSE * 2)
                else:
                    done.update(chunk)
                    break
        time.sleep(PAUSE)
    return done
