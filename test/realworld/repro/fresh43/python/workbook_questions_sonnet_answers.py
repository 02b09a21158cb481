# realworld repro (positive + negative): batchable-fanout -- a top-level script opens a workbook, walks a range of
# rows and sends each row's question as one Claude 3.5 Sonnet create (4,096 tokens, no system prompt), writing each
# answer into the next column and saving the workbook at the end; the key is a placeholder, there is no try and the
# loop is sequential
# source: seveneleven711thanks39/llm-assisted_citation_screening claude_integration.py:28
# source: seveneleven711thanks39/llm-assisted_citation_screening claude_integration.py:24
# source: seveneleven711thanks39/llm-assisted_citation_screening claude_integration.py:9
# source: seveneleven711thanks39/llm-assisted_citation_screening claude_integration.py:10
import anthropic
import openpyxl

client = anthropic.Anthropic(  # expect-not: retries-disabled
    api_key="PUT-YOUR-KEY-HERE"  # expect-not: hardcoded-api-key
)

book = openpyxl.load_workbook("screening.xlsx")
page = book.active

FIRST_ROW = 2
LAST_ROW = 400
QUESTION_COL = 3
ANSWER_COL = 4

for row in range(FIRST_ROW, LAST_ROW + 1):  # expect-not: naive-retry, unbounded-fanout
    question = page.cell(row=row, column=QUESTION_COL).value
    if question:
        reply = client.messages.create(  # expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
            model="claude-3-5-sonnet-20240620",
            max_tokens=4096,
            messages=[{"role": "user", "content": question}],
        )
        page.cell(row=row, column=ANSWER_COL).value = reply.content[0].text

book.save("screening.xlsx")
