import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { countValue, callAtToken } from './fanout';
import { callerArguments } from './thunks';
import { functionAt, type LocalFunction } from '../../lint/facts/callGraph';
import { lastAssignedValue } from '../../lint/facts/functions';
import { callParams } from '../../lint/facts/arguments';
import { kind, namedChildren, positionalArgs, stringValue, unwrap } from '../../lint/syntax';

/** A pool size read from where its name gets its value, beyond the pool's own function. */
export interface PassedSize {
  /** The name the pool is sized by, as written at the pool (`num_workers`, `args.workers`). */
  name: string;
  value: number;
  /** The value and where it comes from, for the message (`default 50 from --workers`). */
  from: string;
  /** Who sends that many at once: `Runs that keep the default send`, `That call sends`. */
  who: string;
}

/** Local calls followed from the pool's function towards where its size is written. */
const MAX_HOPS = 3;

/**
 * The size a pool gets from outside its function: `ThreadPoolExecutor(max_workers=num_workers)`
 * where `num_workers` is a parameter with no default that the file's callers fill, one or more
 * calls up, from an argparse option's default (`--workers`, `default=NUM_WORKERS`), another
 * function's parameter default or a number they pass; also `max_workers=args.workers` itself.
 * The largest size found (a caller that passes more gets more at once); undefined when none is known.
 */
export function passedSize(ctx: FileContext, pool: Node, keyword: string): PassedSize | undefined {
  const params = callParams(pool, ctx.text, true);
  const value = unwrap(params.entries.get(keyword)?.value ?? positionalArgs(pool)[0] ?? null);
  const found = value ? sizeOf(ctx, value, 0) : undefined;
  return found && value ? { ...found, name: ctx.textOf(value) } : undefined;
}

type Found = Omit<PassedSize, 'name'>;

function sizeOf(ctx: FileContext, expr: Node, hops: number): Found | undefined {
  const v = unwrap(expr);
  if (!v || hops > MAX_HOPS) {
    return undefined;
  }
  if (kind(v) === 'attribute') {
    return optionDefault(ctx, v);
  }
  if (kind(v) !== 'identifier') {
    return undefined;
  }
  const name = ctx.textOf(v);
  const fn = functionAt(ctx, v.startIndex);
  const index = fn ? fn.params.indexOf(name) : -1;
  if (!fn || index < 0) {
    // `workers = args.workers` earlier in the function
    const assigned = lastAssignedValue(ctx, name, fn?.start ?? 0, v.startIndex);
    return assigned ? sizeOf(ctx, assigned, hops + 1) : undefined;
  }
  const own = defaultOf(ctx, fn.node, name);
  if (own !== undefined) {
    return own > 0
      ? { value: own, from: `default ${own} from ${fn.name}()`, who: 'Callers that keep the default send' }
      : undefined;
  }
  // A parameter with no default: what the file's callers pass for it (read once per parameter).
  return ctx.memo(`passed-size:${fn.start}:${name}`, () => fromCallers(ctx, fn, name, hops));
}

function fromCallers(ctx: FileContext, fn: LocalFunction, name: string, hops: number): Found | undefined {
  let best: Found | undefined;
  for (const { at, arg } of callerArguments(ctx, fn, name)) {
    const n = arg ? countValue(ctx, arg) : undefined;
    const found: Found | undefined =
      n !== undefined
        ? {
            value: n,
            from: `${n} passed on line ${ctx.lines.lineAt(at) + 1}`,
            who: 'That call sends',
          }
        : arg
          ? sizeOf(ctx, arg, hops + 1)
          : undefined;
    if (found && (!best || found.value > best.value)) {
      best = found;
    }
  }
  return best;
}

/** A parameter's default in a `def`, when it is a number or a module constant holding one. */
function defaultOf(ctx: FileContext, fn: Node, name: string): number | undefined {
  for (const p of namedChildren(fn.childForFieldName('parameters'))) {
    if (/^(?:typed_)?default_parameter$/.test(kind(p)) && ctx.textOf(p.childForFieldName('name')) === name) {
      return countValue(ctx, p.childForFieldName('value'));
    }
  }
  return undefined;
}

/**
 * `args.workers` with `args` parsed by argparse in this file: the default of the option whose
 * destination is `workers` (`--workers`, `--num-workers` → `num_workers`, or `dest="workers"`).
 */
function optionDefault(ctx: FileContext, attr: Node): Found | undefined {
  const object = attr.childForFieldName('object');
  if (!object || kind(object) !== 'identifier') {
    return undefined;
  }
  const option = argparseOptions(ctx).get(ctx.textOf(attr.childForFieldName('attribute')));
  return option && option.value > 0
    ? {
        value: option.value,
        from: `default ${option.value} from ${option.flag}`,
        who: 'Runs that keep the default send',
      }
    : undefined;
}

/** The file's argparse options with a numeric default, by destination (read once per file). */
function argparseOptions(ctx: FileContext): Map<string, { flag: string; value: number }> {
  return ctx.memo('argparse-numeric-options', () => {
    const out = new Map<string, { flag: string; value: number }>();
    if (ctx.scan(/\bparse_(?:known_)?args\s*\(/g).next().done) {
      return out;
    }
    for (const m of ctx.scan(/\.\s*add_argument\s*\(/g)) {
      const call = callAtToken(ctx, m.index + m[0].indexOf('add_argument'));
      if (!call) {
        continue;
      }
      const params = callParams(call, ctx.text, true);
      const value = params.entries.get('default')?.value;
      const n = value ? countValue(ctx, value) : undefined;
      if (n === undefined) {
        continue;
      }
      const flags = positionalArgs(call)
        .map((a) => stringValue(unwrap(a), ctx.text))
        .filter((s): s is string => s !== undefined);
      const dest =
        stringValue(unwrap(params.entries.get('dest')?.value ?? null), ctx.text) ??
        (flags.find((f) => f.startsWith('--')) ?? flags[0] ?? '').replace(/^-+/, '').replace(/-/g, '_');
      if (dest) {
        out.set(dest, { flag: flags.find((f) => f.startsWith('--')) ?? flags[0], value: n });
      }
    }
    return out;
  });
}
