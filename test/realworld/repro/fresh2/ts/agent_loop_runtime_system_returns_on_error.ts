// realworld repro (negative): naive-retry and uncached-prompt -- a research agent loops until a finish
// tool is called or the turn budget runs out; its system prompt and tool list are built at run time
// from the account settings; an error is reported and the function returns, nothing is resent
// source: Appello-Prototypes/sales-tools lib/ai/companyIntelligenceAgent.ts:809
// source: Appello-Prototypes/sales-tools lib/ai/companyIntelligenceAgent.ts:822
import Anthropic from '@anthropic-ai/sdk';
import { settingsFor, toolsFor, runTool } from './account-tools';

export async function profileAccount(accountId: string, report: (msg: string) => void) {
  const settings = await settingsFor(accountId);
  const system = `You research the account ${settings.name} for a sales team. Focus on: ${settings.focus.join(', ')}.`;
  const tools: Anthropic.Tool[] = await toolsFor(settings);
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Start the account review.' }];
  let finished = false;
  let turns = 0;
  while (!finished && turns < 10) { // expect-not: naive-retry
    turns++;
    try {
      const res = await client.messages.create({ // expect-not: uncached-prompt
        model: 'claude-sonnet-4-5',
        max_tokens: 8000,
        system,
        tools,
        messages,
      });
      const uses = res.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
      if (uses.length === 0) break;
      messages.push({ role: 'assistant', content: res.content });
      const results: Anthropic.ToolResultBlockParam[] = [];
      for (const use of uses) {
        if (use.name === 'finish_review') finished = true;
        results.push({ type: 'tool_result', tool_use_id: use.id, content: await runTool(use.name, use.input) });
      }
      messages.push({ role: 'user', content: results });
    } catch (err: any) {
      report(`review failed: ${err.message}`);
      return { ok: false, turns };
    }
  }
  return { ok: finished, turns };
}
