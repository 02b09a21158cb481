# realworld repro (negative): hardcoded-api-key -- placeholders where a key would go
# source: Doriandarko/maestro maestro.py:11
# source: e2b-dev/e2b-cookbook examples/anthropic-managed-agents/python/anthropic_managed_agents_e2b/webhook_runtime.py:28
# source: anthropics/anthropic-sdk-python examples/workload_identity.py:136
# source: anthropics/anthropic-sdk-python examples/workload_identity.py:145
import anthropic

planner = anthropic.Anthropic(api_key="PUT YOUR KEY HERE")  # expect-not: hardcoded-api-key
relay = anthropic.Anthropic(api_key="unused")  # expect-not: hardcoded-api-key
token_client = anthropic.Anthropic(auth_token="sk-ant-oat01-...")  # expect-not: hardcoded-api-key
