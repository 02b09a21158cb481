import { createKeyedClient } from './anthropicClient';
import { scrubSecrets } from './secrets';

/** A model the user can choose to monitor. */
export interface ModelChoice {
  id: string;
  displayName?: string;
}

/**
 * Used when `models.list()` cannot be reached (no key yet, offline): the ids both SDKs
 * know (../shared/reference/anthropic-rate-limits.md §7), newest first. Limits are per
 * model class, so any member of a class reports that class's budget.
 */
export const BUNDLED_MODELS: readonly ModelChoice[] = [
  { id: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5' },
  { id: 'claude-sonnet-4-5', displayName: 'Claude Sonnet 4.5' },
  { id: 'claude-opus-4-5', displayName: 'Claude Opus 4.5' },
  { id: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6' },
  { id: 'claude-opus-4-6', displayName: 'Claude Opus 4.6' },
  { id: 'claude-opus-4-7', displayName: 'Claude Opus 4.7' },
  { id: 'claude-opus-4-8', displayName: 'Claude Opus 4.8' },
  { id: 'claude-sonnet-5', displayName: 'Claude Sonnet 5' },
  { id: 'claude-opus-5', displayName: 'Claude Opus 5' },
  { id: 'claude-fable-5', displayName: 'Claude Fable 5' },
];

/**
 * Lists the models the key can use (`GET /v1/models`, all pages, bounded). Throws on any
 * failure; callers fall back to {@link BUNDLED_MODELS}. The key goes only where
 * {@link keyDestination} allows, and never into an error.
 */
export async function listModels(options: {
  apiKey: string;
  baseURL?: string;
  timeoutMs?: number;
}): Promise<ModelChoice[]> {
  const client = createKeyedClient({
    apiKey: options.apiKey,
    ...(options.baseURL !== undefined && { baseURL: options.baseURL }),
    maxRetries: 1,
    timeout: options.timeoutMs ?? 10_000,
  });
  const models: ModelChoice[] = [];
  try {
    for await (const m of client.models.list({ limit: 100 })) {
      models.push({ id: m.id, ...(m.display_name && { displayName: m.display_name }) });
      if (models.length >= 500) break;
    }
  } catch (err) {
    throw new Error(scrubSecrets(err instanceof Error ? err.message : String(err), [options.apiKey]));
  }
  return models;
}
