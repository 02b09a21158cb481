# realworld repro (module): the wrapper imported by harness_adapter_imported_decorator_no_cap.py -- a generic
# decorator factory that re-runs a function on the given exception classes, waiting 3 s and then 1.5x longer each
# time, with no cap unless max_retries is given; no Claude call here
# source: EleutherAI/lm-evaluation-harness lm_eval/models/anthropic_llms.py:122
import functools
import time


def retry_on_exceptions(on_exceptions, max_retries=None, first_wait=3.0, growth=1.5, on_wait=None):
    def decorate(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            wait = first_wait
            tries = 0
            while max_retries is None or tries < max_retries:  # expect-not: naive-retry
                try:
                    return func(*args, **kwargs)
                except tuple(on_exceptions) as error:
                    if on_wait is not None:
                        on_wait(error, wait)
                    time.sleep(wait)
                    wait *= growth
                    tries += 1

        return run

    return decorate
