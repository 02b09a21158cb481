/**
 * The order and marks of **Choose Model…**: family aliases (`claude-haiku-4-5`, which
 * follow the newest snapshot) before dated snapshot ids (`claude-haiku-4-5-20251001`), and
 * the current model marked, listed even when the API does not name it.
 */
import type { ModelChoice } from './models';

/** One row of the picker. */
export interface ModelEntry {
  readonly id: string;
  readonly displayName?: string;
  /** An alias (no date suffix), as opposed to a dated snapshot. */
  readonly alias: boolean;
  readonly current: boolean;
}

const DATED = /-(\d{8})$/;

/** Whether `id` is a dated snapshot (`…-20251001`). */
export function isDatedModelId(id: string): boolean {
  return DATED.test(id);
}

/**
 * Aliases first (those the list names, plus one per dated snapshot whose alias it lacks),
 * then dated ids, each group in the list's order (the API lists newest first). The current
 * model is marked, and added at the top of its group when the list does not have it.
 */
export function modelEntries(models: readonly ModelChoice[], current: string): ModelEntry[] {
  const aliases = new Map<string, string | undefined>();
  const dated = new Map<string, string | undefined>();
  const add = (map: Map<string, string | undefined>, id: string, name: string | undefined): void => {
    if (!map.has(id)) map.set(id, name);
    else if (map.get(id) === undefined && name !== undefined) map.set(id, name);
  };
  for (const m of models) {
    if (isDatedModelId(m.id)) {
      add(dated, m.id, m.displayName);
      add(aliases, m.id.replace(DATED, ''), m.displayName);
    } else {
      add(aliases, m.id, m.displayName);
    }
  }
  const group = isDatedModelId(current) ? dated : aliases;
  if (current && !group.has(current)) {
    const rest = [...group];
    group.clear();
    group.set(current, undefined);
    for (const [id, name] of rest) group.set(id, name);
  }
  const entries = (map: Map<string, string | undefined>, alias: boolean): ModelEntry[] =>
    [...map].map(([id, displayName]) => ({
      id,
      ...(displayName !== undefined && { displayName }),
      alias,
      current: id === current,
    }));
  return [...entries(aliases, true), ...entries(dated, false)];
}
