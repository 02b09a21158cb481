# realworld repro (negative): retries-disabled, uncached-prompt and naive-retry look-alikes -- a vocabulary-card
# provider builds its client with max_retries=3 (raised, not off), sends a long constant system prompt as a text
# block already marked with cache_control, wraps any error in the app's own error and raises (no loop); a second
# method sends a long per-request prompt under a short cached system block; no loop over words in the file
# source: zhchoice123/anki-vocab llm/claude.py:63
# source: zhchoice123/anki-vocab llm/claude.py:68
# source: zhchoice123/anki-vocab llm/claude.py:92
# source: zhchoice123/anki-vocab llm/claude.py:147
import json

import anthropic

from errors import ProviderError

CARD_RULES = """You are a bilingual dictionary editor writing flashcards for Spanish speakers learning English.
Use plain B1 English, short sentences, and natural Spanish translations.
Reply only with a JSON object holding: meaning, usage, avoid, phrases (four), examples (three),
memory_hook, near_synonyms (two, each with a one-line difference), spanish_gloss, spanish_examples (three),
frequency (1-5), part_of_speech, learner_definition, learner_example and learner_example_es.
Do not add markdown fences or any text outside the JSON object."""


class CardProvider:
    def __init__(self, cfg):
        self.cfg = cfg
        self._client = None

    @property
    def api(self):
        if self._client is None:
            self._client = anthropic.Anthropic(max_retries=3)  # expect-not: retries-disabled
        return self._client

    def card(self, word):
        try:
            reply = self.api.messages.create(  # expect-not: uncached-prompt, missing-max-tokens, nonstreaming-max-tokens, batchable-fanout, model-routing
                model=self.cfg.model,
                max_tokens=1200,
                system=[{"type": "text", "text": CARD_RULES, "cache_control": {"type": "ephemeral"}}],
                messages=[{"role": "user", "content": [{"type": "text", "text": f'Word: "{word}"', "cache_control": {"type": "ephemeral"}}]}],
            )
            return json.loads(reply.content[0].text)
        except json.JSONDecodeError as err:
            raise ProviderError(f"bad JSON: {err}") from err
        except Exception as err:  # expect-not: naive-retry, string-matched-error
            raise ProviderError(f"Claude failed: {err}") from err

    def passage(self, words):
        listing = "\n".join(f"- {w}" for w in words)
        prompt = f"Write a 400-word exam-style passage using every word below, then five questions as JSON.\n{listing}"
        try:
            reply = self.api.messages.create(  # expect-not: uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
                model=self.cfg.model,
                max_tokens=3000,
                system=[{"type": "text", "text": "You write reading exercises.", "cache_control": {"type": "ephemeral"}}],
                messages=[{"role": "user", "content": prompt}],
            )
            return json.loads(reply.content[0].text)
        except Exception as err:
            raise ProviderError(f"Claude failed: {err}") from err
