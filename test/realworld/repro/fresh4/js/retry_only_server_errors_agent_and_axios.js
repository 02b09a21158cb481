// realworld repro (negative): naive-retry, unbounded-fanout and string-matched-error look-alikes -- an agent
// helper re-sends once only on 5xx/network errors, the agent loop re-sends only with tool results and runs the
// read tools in parallel (no Claude call), and an axios wrapper stops retrying on its own '4xx' error text
// (429 included) and re-sends only 5xx/network failures
// source: engrtee/BizPulse src/agent/agentLoop.js:85
// source: engrtee/BizPulse src/agent/agentLoop.js:148
// source: engrtee/BizPulse src/agent/agentLoop.js:197
// source: engrtee/BizPulse src/agent/agentLoop.js:79
// source: ankeshgrover/ouat_transcription_service services/claude.js:50
// source: ankeshgrover/ouat_transcription_service services/claude.js:64
const axios = require('axios');

async function callOnce(client, params) {
  try {
    return await client.messages.create(params); // expect-not: missing-max-tokens
  } catch (err) {
    const transient = err.status >= 500 || err.code === 'ECONNRESET' || err.code === 'ETIMEDOUT';
    if (!transient) throw err;
    await new Promise((r) => setTimeout(r, 2000));
    return client.messages.create(params); // expect-not: naive-retry
  }
}

async function helpDesk(client, tools, runTool, turns) {
  let round = 0;
  while (round < 6) { // expect-not: naive-retry
    round++;
    const res = await callOnce(client, { model: 'claude-haiku-4-5', max_tokens: 1024, tools, messages: turns });
    turns.push({ role: 'assistant', content: res.content });
    if (res.stop_reason !== 'tool_use') break;
    const uses = res.content.filter((b) => b.type === 'tool_use');
    const results = await Promise.all( // expect-not: unbounded-fanout
      uses.map(async (u) => ({ type: 'tool_result', tool_use_id: u.id, content: JSON.stringify(await runTool(u.name, u.input)) })),
    );
    turns.push({ role: 'user', content: results });
  }
  return turns;
}

async function postOnce(prompt, limit) {
  try {
    const res = await axios.post(
      'https://api.anthropic.com/v1/messages',
      { model: 'claude-sonnet-4-5', max_tokens: limit, messages: [{ role: 'user', content: prompt }] },
      { headers: { 'x-api-key': process.env.ANTHROPIC_API_KEY, 'anthropic-version': '2023-06-01' } },
    );
    return res.data.content[0].text;
  } catch (error) {
    if (error.response) throw new Error(`Claude API error: ${error.response.status}`);
    throw new Error(`request failed: ${error.message}`);
  }
}

async function postWithRetry(prompt, limit = 4000, tries = 3) {
  let last;
  for (let n = 0; n < tries; n++) { // expect-not: naive-retry
    try {
      if (n > 0) await new Promise((r) => setTimeout(r, 2 ** n * 1000));
      return await postOnce(prompt, limit);
    } catch (error) {
      last = error;
      if (error.message.includes('Claude API error: 4')) throw error; // expect-not: string-matched-error
    }
  }
  throw last;
}

module.exports = { helpDesk, postWithRetry };
