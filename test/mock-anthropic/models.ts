/** The model catalogue the local server lists (newest first, as the API does). */

export interface MockModelInfo {
  readonly id: string;
  readonly type: 'model';
  readonly display_name: string;
  readonly created_at: string;
  readonly max_input_tokens: number;
  readonly max_tokens: number;
  readonly capabilities: null;
  readonly lifecycle: 'active' | 'deprecated' | 'retired';
  readonly line: string | null;
  readonly deprecated_at: string | null;
  readonly retires_at: string | null;
}

function model(
  id: string,
  display_name: string,
  created_at: string,
  max_input_tokens: number,
  max_tokens: number,
  line: string,
  retiresAt: string | null = null,
): MockModelInfo {
  return {
    id,
    type: 'model',
    display_name,
    created_at,
    max_input_tokens,
    max_tokens,
    capabilities: null,
    lifecycle: retiresAt ? 'deprecated' : 'active',
    line,
    deprecated_at: retiresAt ? '2026-05-30T00:00:00Z' : null,
    retires_at: retiresAt,
  };
}

export const DEFAULT_MODELS: readonly MockModelInfo[] = [
  model('claude-sonnet-4-6', 'Claude Sonnet 4.6', '2026-02-17T00:00:00Z', 1_000_000, 64_000, 'sonnet'),
  model('claude-opus-4-6', 'Claude Opus 4.6', '2026-02-05T00:00:00Z', 1_000_000, 128_000, 'opus'),
  model('claude-opus-4-5-20251101', 'Claude Opus 4.5', '2025-11-24T00:00:00Z', 200_000, 64_000, 'opus'),
  model('claude-haiku-4-5-20251001', 'Claude Haiku 4.5', '2025-10-15T00:00:00Z', 200_000, 64_000, 'haiku'),
  model(
    'claude-sonnet-4-5-20250929',
    'Claude Sonnet 4.5',
    '2025-09-29T00:00:00Z',
    200_000,
    64_000,
    'sonnet',
    '2026-11-30T00:00:00Z',
  ),
];
