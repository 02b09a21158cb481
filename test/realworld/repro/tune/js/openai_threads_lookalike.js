// realworld repro (negative): missing-max-tokens -- OpenAI Assistants threads.messages.create, not Anthropic
// source: mkuzmick/ll-work-bot-24-25 src/bots/the-101/how-students-learn-bot/bot-response.js:54
const OpenAI = require('openai');

const openai = new OpenAI();

async function postToThread(question) {
  const thread = await openai.beta.threads.create();
  await openai.beta.threads.messages.create(thread.id, { role: 'user', content: question }); // expect-not: missing-max-tokens
  return thread.id;
}

module.exports = { postToThread };
