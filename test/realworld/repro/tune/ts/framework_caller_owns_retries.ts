// realworld repro (negative): retries-disabled -- a chat-model class builds its SDK client with
// maxRetries: 0, preferring the framework's retries, and sends every request through the framework's
// retrying caller (imported)
// source: langchain-ai/langchainjs libs/providers/langchain-anthropic/src/chat_models.ts:1616
import Anthropic from '@anthropic-ai/sdk';
import { AsyncCaller } from '@langchain/core/utils/async_caller';

export class ChatClaude {
  private client?: Anthropic;
  private caller = new AsyncCaller({ maxRetries: 6 });

  constructor(private apiKey: string) {}

  protected async completion(request: Anthropic.MessageCreateParamsNonStreaming) {
    if (!this.client) {
      this.client = new Anthropic({
        apiKey: this.apiKey,
        // prefer the framework's own retries
        maxRetries: 0, // expect-not: retries-disabled
      });
    }
    const client = this.client;
    return this.caller.call(async () => client.messages.create(request));
  }
}
