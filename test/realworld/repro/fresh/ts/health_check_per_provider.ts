// realworld repro (negative): unbounded-fanout -- a service runs one health check per registered
// provider (a one-token create for the Anthropic adapter) with Promise.all: one request per configured
// provider is a fixed handful, not one per input item
// source: Shahabul87/taxomind packages/adapter-taxomind/src/adapters/anthropic-ai-adapter.ts:571
import Anthropic from '@anthropic-ai/sdk';

interface Health {
  healthy: boolean;
  ms: number;
}

interface Adapter {
  check(): Promise<Health>;
}

class ClaudeAdapter implements Adapter {
  private client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

  async check(): Promise<Health> {
    const start = Date.now();
    try {
      await this.client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] });
      return { healthy: true, ms: Date.now() - start };
    } catch {
      return { healthy: false, ms: Date.now() - start };
    }
  }
}

export class AiService {
  private adapters = new Map<string, Adapter>();

  constructor() {
    if (process.env.ANTHROPIC_API_KEY) this.adapters.set('anthropic', new ClaudeAdapter());
  }

  register(name: string, adapter: Adapter) {
    this.adapters.set(name, adapter);
  }

  async health(): Promise<Map<string, Health>> {
    const out = new Map<string, Health>();
    await Promise.all( // expect-not: unbounded-fanout
      Array.from(this.adapters.entries()).map(async ([name, adapter]) => {
        out.set(name, await adapter.check());
      }),
    );
    return out;
  }
}
