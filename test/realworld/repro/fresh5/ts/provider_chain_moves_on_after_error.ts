// realworld repro (negative): naive-retry -- a completion wrapper walks an ordered list of
// providers and, when one throws, logs it and asks the next one; nothing is sent twice to the same
// provider
// source: Kacep91/telegram-code-analyzer src/llm/fallback.ts:67
export interface TextProvider {
  readonly label: string;
  complete(prompt: string): Promise<string>;
}

export class FirstThatAnswers implements TextProvider {
  readonly label = 'chain';

  constructor(private readonly order: readonly TextProvider[]) {
    if (order.length === 0) throw new Error('need at least one provider');
  }

  async complete(prompt: string): Promise<string> {
    const failures: string[] = [];
    for (const provider of this.order) { // expect-not: naive-retry
      try {
        return await provider.complete(prompt);
      } catch (err) {
        failures.push(`${provider.label}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    throw new Error(`every provider failed (${failures.join('; ')})`);
  }
}
