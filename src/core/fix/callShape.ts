/**
 * The `model` and `max_tokens` of Claude calls, read from the syntax tree: a literal, or a
 * name bound once in the file to a literal (`const MODEL = 'claude-…'`, `MODEL = "claude-…"`).
 */
import type { Node } from '../parse/treeSitter';
import type { Span } from '../parse/span';
import type { FixFile } from './file';
import type { CallShape } from './sizing';

type Value = { kind: 'string'; value: string } | { kind: 'number'; value: number } | undefined;

/** The shape shared by the calls: their model (when all name the same one) and their largest max_tokens. */
export function callShape(file: FixFile, calls: readonly Span[]): CallShape {
  const models = new Set<string>();
  let unknown: string | undefined;
  let maxTokens: number | undefined;
  let maxKnown = true;
  for (const span of calls) {
    const node = callNode(file, span);
    const model = node && argument(file, node, 'model');
    if (model?.kind === 'string') {
      models.add(model.value);
    } else {
      unknown = "the call's model is not a literal or a constant of this file";
    }
    const max = node && argument(file, node, 'max_tokens');
    if (max?.kind === 'number') {
      maxTokens = Math.max(maxTokens ?? 0, max.value);
    } else {
      maxKnown = false;
    }
  }
  if (models.size > 1) {
    unknown = `the calls use different models (${[...models].join(', ')})`;
  }
  return {
    ...(!unknown && models.size === 1 && { model: [...models][0] }),
    ...(unknown && { modelUnknown: unknown }),
    ...(maxKnown && maxTokens !== undefined && { maxTokens }),
  };
}

function callNode(file: FixFile, span: Span): Node | undefined {
  let node: Node | null = file.root.descendantForIndex(span.start, span.end);
  while (node && !(node.type === 'call_expression' || node.type === 'call')) {
    node = node.parent;
  }
  return node ?? undefined;
}

/** The value of a named argument (`{ model: … }` in the params object, or `model=…`). */
function argument(file: FixFile, call: Node, name: string): Value {
  const args = call.childForFieldName('arguments');
  if (!args) {
    return undefined;
  }
  for (const arg of args.namedChildren) {
    if (!arg) {
      continue;
    }
    if (file.python) {
      if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) {
        return valueOf(file, arg.childForFieldName('value'));
      }
    } else if (arg.type === 'object') {
      for (const pair of arg.namedChildren) {
        const key = pair?.type === 'pair' ? pair.childForFieldName('key') : undefined;
        if (key && key.text.replace(/^['"]|['"]$/g, '') === name) {
          return valueOf(file, pair?.childForFieldName('value') ?? null);
        }
      }
    }
  }
  return undefined;
}

function literal(node: Node): Value {
  if (node.type === 'string' || node.type === 'template_string') {
    const inner = node.namedChildren.filter((c) => c && c.type !== 'string_start' && c.type !== 'string_end');
    if (inner.some((c) => c && !/string_fragment|string_content/.test(c.type))) {
      return undefined; // interpolation or escapes
    }
    return { kind: 'string', value: node.text.replace(/^[rRuU]?(['"`])([\s\S]*)\1$/, '$2') };
  }
  if (node.type === 'number' || node.type === 'integer') {
    const value = Number(node.text.replace(/_/g, ''));
    return Number.isFinite(value) ? { kind: 'number', value } : undefined;
  }
  return undefined;
}

/** A literal, or a name bound exactly once in the file (at its top level) to a literal. */
function valueOf(file: FixFile, node: Node | null): Value {
  if (!node) {
    return undefined;
  }
  if (node.type !== 'identifier') {
    return literal(node);
  }
  const name = node.text;
  let found: Value;
  let bindings = 0;
  for (const stmt of file.root.namedChildren) {
    const decl = stmt?.type === 'export_statement' ? stmt.namedChild(0) : stmt;
    if (!decl) {
      continue;
    }
    if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration') {
      for (const d of decl.namedChildren) {
        if (d?.type === 'variable_declarator' && d.childForFieldName('name')?.text === name) {
          bindings++;
          const v = d.childForFieldName('value');
          found = decl.text.startsWith('const') && v ? literal(v) : undefined;
        }
      }
    } else if (decl.type === 'expression_statement') {
      const a = decl.namedChild(0);
      if (a?.type === 'assignment' && a.childForFieldName('left')?.text === name) {
        bindings++;
        const v = a.childForFieldName('right');
        found = v ? literal(v) : undefined;
      }
    }
  }
  return bindings === 1 ? found : undefined;
}
