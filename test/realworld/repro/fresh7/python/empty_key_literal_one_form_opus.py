# realworld repro (negative): hardcoded-api-key and model-routing look-alikes -- a one-off script builds its
# client with an empty api_key string and reads a single scanned form on Opus with a 1,000-token limit
# source: xlncbasit/mumbaihacksdashers claude_eval.py:11
# source: xlncbasit/mumbaihacksdashers claude_eval.py:87
import anthropic

client = anthropic.Anthropic(
    api_key=""  # expect-not: hardcoded-api-key
)


def read_form(page_b64, columns):
    content = [
        {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": page_b64}},
        {"type": "text", "text": "Return one CSV row with these columns: " + ",".join(columns)},
    ]
    try:
        reply = client.messages.create(  # expect-not: model-routing, batchable-fanout
            model="claude-3-opus-20240229",
            max_tokens=1000,
            temperature=0,
            messages=[{"role": "user", "content": content}],
        )
        return dict(zip(columns, reply.content[0].text.strip().split(",")))
    except Exception as exc:
        print(f"form failed: {exc}")
        return None


if __name__ == "__main__":
    print(read_form(open("form.b64").read(), ["id", "name", "score"]))
