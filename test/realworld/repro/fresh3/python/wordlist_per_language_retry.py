# realworld repro (positive): naive-retry -- inside a per-language loop, an attempt loop re-sends
# messages.create after RateLimitError with a 20 s x attempt pause (retry-after never read); batchable-fanout --
# an offline script (__main__) that sends one call per language of a fixed table of two dozen and writes each
# word list to its own file right after the call
# source: spacerest/morpheme-dictionaries scripts/generate_wordlists.py:414
# source: spacerest/morpheme-dictionaries scripts/generate_wordlists.py:416
import sys
import time
from pathlib import Path

import anthropic

LANGS = {
    "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "pl": "Polish", "cs": "Czech",
    "sk": "Slovak", "sl": "Slovenian", "hr": "Croatian", "hu": "Hungarian", "ro": "Romanian", "el": "Greek",
    "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "ja": "Japanese",
}
SYSTEM = "You list everyday words whose parts (prefix, root, suffix) are easy to see. One word per line."


def main(count=150, model="claude-sonnet-4-5"):
    api = anthropic.Anthropic()
    out_dir = Path("lists")
    out_dir.mkdir(exist_ok=True)
    for code, name in LANGS.items():
        prompt = f"List {count} {name} words made of clearly separable parts."
        for attempt in range(1, 4):  # expect: naive-retry
            try:
                reply = api.messages.create(  # expect: batchable-fanout
                    model=model,
                    max_tokens=2048,
                    system=SYSTEM,
                    messages=[{"role": "user", "content": prompt}],
                )
                words = [w.strip() for w in reply.content[0].text.splitlines() if w.strip()]
                (out_dir / f"{code}.txt").write_text("\n".join(words) + "\n")
                break
            except anthropic.RateLimitError:
                time.sleep(20 * attempt)
            except anthropic.APIError as exc:
                print(f"API error: {exc}")
                sys.exit(1)
        time.sleep(0.5)


if __name__ == "__main__":
    main()
