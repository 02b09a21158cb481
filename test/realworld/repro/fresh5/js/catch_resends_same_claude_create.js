// realworld repro (positive): naive-retry -- an API route calls Claude in a try whose catch (meant
// for another provider once) sends the identical Claude create again at once, so a 429 is re-sent
// with no wait and no retry-after
// source: ymu4/document-processor src/pages/api/optimize-process.js:57
// source: ymu4/document-processor src/utils/documentGenerator.js:47
import claude from './sharedClaudeClient';

const SYSTEM = 'You shorten bureaucratic procedures into fewer, clearer steps.';

export default async function handler(req, res) {
  if (req.method !== 'POST') return res.status(405).json({ error: 'POST only' });
  const { steps } = req.body;
  const request = {
    model: 'claude-sonnet-4-5',
    max_tokens: 1800,
    system: SYSTEM,
    messages: [{ role: 'user', content: `Simplify this procedure:\n${steps.join('\n')}` }],
  };
  let reply;
  try {
    reply = await claude.messages.create(request);
  } catch (firstError) {
    console.warn('first attempt failed, trying again', firstError);
    reply = await claude.messages.create(request); // expect: naive-retry
  }
  return res.status(200).json({ plan: reply.content[0].text });
}
