# realworld repro (positive): hardcoded-api-key -- a development key kept in a module constant and handed
# to the client
# source: FatemehFN/molecule-evaluator-interface claude_utils.py:8
import anthropic

# kept here while developing; to be moved to the environment
LAB_KEY = "sk-ant-api03-FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEfakeAA"  # expect: hardcoded-api-key

client = anthropic.Anthropic(api_key=LAB_KEY)


def formula_of(name):
    try:
        reply = client.messages.create(
            model="claude-haiku-4-5",
            max_tokens=120,
            messages=[{"role": "user", "content": f"Molecular formula of {name}? Formula only."}],
        )
        return reply.content[0].text.strip()
    except Exception:
        return None
