# realworld repro (positive + negative): batchable-fanout -- an offline script (top-level code) reads a CSV and
# sends one Claude 3 Haiku request per row through a helper imported from a sibling module, driven by pandas
# progress_apply over one column, then writes the frame with the new column to another CSV; the rows go one after
# another (unbounded-fanout look-alike) and the model is already Haiku (model-routing look-alike)
# source: kj3moraes/reader pipeline/claude.py:8
# source: kj3moraes/reader pipeline/claude.py:14
import pandas as pd
from tqdm import tqdm

from essay_topics_helper import ask_for_topics

frame = pd.read_csv("./data/essays.csv")


def topics_of(body: str):
    found = ask_for_topics(body)  # expect: batchable-fanout; expect-not: model-routing, naive-retry
    return found["topics"]


tqdm.pandas()

frame["Topics"] = frame["Body"].progress_apply(lambda text: topics_of(text))  # expect-not: unbounded-fanout

frame.to_csv("./data/essay_topics.csv")
