# realworld repro (negative): naive-retry look-alikes -- loops that send Claude another message for reasons other
# than an API error: a repair loop driven by a checker's verdict (no try at all), a validation re-ask whose try
# covers only parsing (the create runs before it), a dialogue loop ended by a moderator, and a continuation loop
# while the reply was cut off
# source: ucsd-salad/ERSP pipeline.py:110
# source: bhimanshukalra/anthropic-learning-journey projects/building-with-the-claude-api/accessing-claude-with-the-api/structured_data.py:106
# source: saskia-rr/Evaluating-Constitutions claude_final.py:131
# source: Lindaz0813/LLM_paper pipeline_main.ipynb:4:26
import json
import subprocess

from anthropic import Anthropic

client = Anthropic()


def ask(prompt, max_tokens=1500):
    reply = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=max_tokens,
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.content[0].text


def fix_until_it_compiles(source_path, tries=5):
    for attempt in range(tries):  # expect-not: naive-retry
        check = subprocess.run(["mycheck", source_path], capture_output=True, text=True)
        if check.returncode == 0:
            return True
        with open(source_path) as f:
            code = f.read()
        fixed = ask(f"Fix this compile error:\n{check.stderr}\n\n{code}")
        with open(source_path, "w") as f:
            f.write(fixed)
    return False


def structured(prompt, tries=3):
    current = prompt
    for attempt in range(1, tries + 1):  # expect-not: naive-retry
        raw = ask(current)
        try:
            return json.loads(raw)
        except json.JSONDecodeError as err:
            if attempt == tries:
                raise
            current = f"This was not valid JSON ({err}). Return only the corrected JSON:\n{raw}"


def role_play(opening, judge):
    transcript = [opening]
    while True:  # expect-not: naive-retry
        tutor = ask("Reply as the tutor:\n" + "\n".join(transcript))
        transcript.append(tutor)
        if judge(transcript):
            break
        transcript.append(ask("Reply as the student:\n" + "\n".join(transcript)))
    return transcript


def long_answer(prompt):
    messages = [{"role": "user", "content": prompt}]
    text = ""
    while True:  # expect-not: naive-retry
        reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=4096, messages=messages)
        part = reply.content[0].text
        text += part
        if reply.stop_reason != "max_tokens":
            break
        messages += [{"role": "assistant", "content": part}, {"role": "user", "content": "Continue."}]
    return text
