// realworld repro (negative): missing-max-tokens -- a database model's .create, not the Messages API
// source: Mintplex-Labs/anything-llm server/models/workspacesSuggestedMessages.js:46
const Anthropic = require('@anthropic-ai/sdk');
const { prisma } = require('../db');

const claude = new Anthropic();

async function saveSuggestions(workspaceId, suggestions) {
  for (const s of suggestions) {
    await prisma.workspace_suggested_messages.create({ // expect-not: missing-max-tokens
      data: { workspaceId, heading: s.heading, message: s.message },
    });
  }
}

module.exports = { saveSuggestions, claude };
