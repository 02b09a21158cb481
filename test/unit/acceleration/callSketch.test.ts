import * as assert from 'node:assert/strict';
import type { LintLanguage } from '../../../src/core/lint';
import { sketchCalls, type CallSketch } from '../../../src/core/monitor/callSketch';
import { getEngine } from '../lint/helpers';

/** The calls of a text as the hover reads them: from the lint facts of its parsed tree. */
async function sketch(text: string, language: LintLanguage): Promise<CallSketch[]> {
  const engine = await getEngine();
  await engine.load(language);
  const tree = engine.parse(text, language, null, {});
  assert.ok(tree, 'parsed');
  try {
    return sketchCalls(text, language, tree.rootNode);
  } finally {
    tree.delete();
  }
}

const JS_HEAD = "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\n";
const PY_HEAD = 'import anthropic\nclient = anthropic.Anthropic()\n';

describe('capacity: reading a call from the lint facts', () => {
  it('reads model, max_tokens and the literal prompt and system text (JS)', async () => {
    const text = `${JS_HEAD}await client.messages.create({
  model: 'claude-haiku-4-5',
  max_tokens: 1_024,
  system: "You are terse.",
  messages: [{ role: 'user', content: 'Summarise this paragraph, please.' }],
});`;
    const [call, ...rest] = await sketch(text, 'typescript');
    assert.ok(call);
    assert.equal(rest.length, 0);
    assert.equal(call.model, 'claude-haiku-4-5');
    assert.equal(call.maxTokens, 1024);
    assert.equal(call.method, 'create');
    // "You are terse." + "user" + "Summarise this paragraph, please." (model excluded)
    assert.equal(call.literalChars, 14 + 4 + 33);
    assert.equal(call.nonLiteral, false);
    assert.equal(text.slice(call.calleeStart, call.calleeEnd), 'client.messages.create');
    assert.equal(text.slice(call.argsEnd - 2, call.argsEnd), '})');
  });

  it('flags content it cannot count, and reads Python keyword calls', async () => {
    const py = `${PY_HEAD}msg = client.messages.stream(model="claude-sonnet-4-6", max_tokens=512, messages=[{"role": "user", "content": doc}])`;
    const [call] = await sketch(py, 'python');
    assert.equal(call?.model, 'claude-sonnet-4-6');
    assert.equal(call?.maxTokens, 512);
    assert.equal(call?.method, 'stream');
    assert.equal(call?.nonLiteral, true);
  });

  // Cases the former text reader got wrong: it only saw `model: '<literal>'` and
  // `max_tokens: <digits>` between the call's own parentheses.
  it('reads a model and max_tokens named by module constants (JS and Python)', async () => {
    const js = `${JS_HEAD}const MODEL = 'claude-opus-4-6';\nconst MAX = 2_048;\nconst SYSTEM = 'You are a careful reviewer.';
export const run = () => client.messages.create({ model: MODEL, max_tokens: MAX, system: SYSTEM, messages: [{ role: 'user', content: 'Review.' }] });`;
    const [call] = await sketch(js, 'typescript');
    assert.equal(call?.model, 'claude-opus-4-6');
    assert.equal(call?.maxTokens, 2048);
    // The constant system prompt's text counts: 27 + "user" + "Review."
    assert.equal(call?.literalChars, 27 + 4 + 7);
    assert.equal(call?.nonLiteral, false);

    const py = `${PY_HEAD}MODEL = "claude-haiku-4-5"\nLIMIT = 300\nclient.messages.create(model=MODEL, max_tokens=LIMIT, messages=[{"role": "user", "content": "hi"}])`;
    const [p] = await sketch(py, 'python');
    assert.equal(p?.model, 'claude-haiku-4-5');
    assert.equal(p?.maxTokens, 300);
  });

  it('reads model and max_tokens from a params object passed by name, and a shorthand model', async () => {
    const text = `${JS_HEAD}const model = 'claude-sonnet-4-6';
export async function ask(question: string) {
  const params = { model, max_tokens: 4096, messages: [{ role: 'user' as const, content: question }] };
  return client.messages.create(params);
}`;
    const [call] = await sketch(text, 'typescript');
    assert.ok(call, 'the call is found');
    assert.equal(call.model, 'claude-sonnet-4-6');
    assert.equal(call.maxTokens, 4096);
    assert.equal(call.nonLiteral, true, 'the question is not literal');
  });

  it('does not take a model or max_tokens from inside a string or a comment', async () => {
    const text = `${JS_HEAD}client.messages.create({
  // max_tokens: 99
  messages: [{ role: 'user', content: "answer with model: 'claude-opus-4-6'" }],
  model: 'claude-haiku-4-5',
});`;
    const [call] = await sketch(text, 'typescript');
    assert.equal(call?.model, 'claude-haiku-4-5');
    assert.equal(call?.maxTokens, undefined);
  });
});
