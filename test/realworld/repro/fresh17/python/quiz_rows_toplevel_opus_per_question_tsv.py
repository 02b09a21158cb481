# realworld repro (positive): batchable-fanout -- a top-level script loops over every language file and every quiz row,
# sends one Opus 3 create per question with a short per-subject f-string system prompt, puts each answer in the row's
# cell and writes the frame to a TSV per language; the benchmark measures Opus itself at 1,000 tokens
# source: emma0925/African_LLM_Benchmark cohere_and_claude/claude_mmlu.py:50
import glob

import anthropic
import pandas as pd

client = anthropic.Anthropic()  # expect-not: retries-disabled, hardcoded-api-key

for path in glob.glob("quiz/*/*.tsv"):
    lang = path.split("/")[-2]
    frame = pd.read_csv(path, sep="\t")
    frame["answer"] = ""
    for idx, row in frame.iterrows():
        options = [o.strip().strip("'\"") for o in row["options"].strip("[]").split(",")]
        system = f"You answer multiple-choice questions about {row['topic']}. Give the letter only."
        text = f"{row['question']}\n A){options[0]} B){options[1]} C){options[2]} D){options[3]}"
        reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
            model="claude-3-opus-20240229",
            max_tokens=1000,
            temperature=0,
            system=system,
            messages=[{"role": "user", "content": text}],
        )
        frame.at[idx, "answer"] = reply.content[0].text
    frame.to_csv(f"answers/{lang}.tsv", sep="\t", index=False)
