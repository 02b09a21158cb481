/**
 * The project's formatting options, read from its Prettier configuration and `.editorconfig`
 * without running any of its code: fixes lay out what they insert so that the project's
 * formatter leaves it alone. Pure except for `readFile` (a file's text, or undefined when
 * it does not exist); never throws (an unreadable file counts as absent).
 */

import { join, parentOf } from './paths';

/** What the project's formatter is told (every field optional: absent means not configured). */
export interface FormatOptions {
  /** The project formats with Prettier: a Prettier config file, a "prettier" key or dependency. */
  prettier: boolean;
  printWidth?: number;
  tabWidth?: number;
  useTabs?: boolean;
  singleQuote?: boolean;
  semi?: boolean;
  trailingComma?: 'all' | 'es5' | 'none';
}

/** Prettier's own config files, in Prettier's search order (JS ones are read only when static). */
export const PRETTIER_FILES = [
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.json5',
  '.prettierrc.js',
  '.prettierrc.mjs',
  '.prettierrc.cjs',
  'prettier.config.js',
  'prettier.config.mjs',
  'prettier.config.cjs',
  '.prettierrc.toml',
];

function safeRead(readFile: (path: string) => string | undefined, path: string): string | undefined {
  try {
    return readFile(path);
  } catch {
    return undefined;
  }
}

/**
 * The formatting options for `filePath`: the nearest Prettier config (a config file or a
 * package.json "prettier" key, with its `overrides` for the file), on top of the
 * `.editorconfig` sections that match the file (nearest last, up to `root = true`), as
 * Prettier itself combines them. `prettierDependency` says the nearest package.json lists
 * Prettier (the project formats with its defaults when nothing is configured).
 */
export function formatOptionsFor(
  filePath: string,
  readFile: (path: string) => string | undefined,
  prettierDependency = false,
): FormatOptions {
  const sep = filePath.includes('\\') && !filePath.includes('/') ? '\\' : '/';
  const name = filePath.slice(filePath.lastIndexOf(sep) + 1);
  let prettier: Record<string, unknown> | undefined;
  let prettierFound = false;
  const editorconfigs: string[] = [];
  let editorconfigDone = false;
  for (let dir = parentOf(filePath, sep); dir !== undefined; dir = parentOf(dir, sep)) {
    if (!prettierFound) {
      for (const file of PRETTIER_FILES) {
        const text = safeRead(readFile, join(dir, file, sep));
        if (text !== undefined) {
          prettierFound = true;
          prettier = parsePrettierConfig(file, text);
          break;
        }
      }
      const pkg = prettierFound ? undefined : safeRead(readFile, join(dir, 'package.json', sep));
      if (pkg !== undefined) {
        const value = parseJsonLike(pkg)?.prettier;
        if (value !== undefined) {
          prettierFound = true;
          prettier = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
        }
      }
    }
    if (!editorconfigDone) {
      const text = safeRead(readFile, join(dir, '.editorconfig', sep));
      if (text !== undefined) {
        editorconfigs.unshift(text);
        editorconfigDone = /^\s*root\s*=\s*true\s*$/im.test(text.split(/^\s*\[/m)[0]);
      }
    }
    if (prettierFound && editorconfigDone) {
      break;
    }
  }
  const out: FormatOptions = { prettier: prettierFound || prettierDependency };
  for (const text of editorconfigs) {
    Object.assign(out, editorconfigOptions(text, name));
  }
  if (prettier) {
    Object.assign(out, prettierOptions(prettier));
    for (const o of Array.isArray(prettier.overrides) ? (prettier.overrides as unknown[]) : []) {
      const override = o as { files?: unknown; excludeFiles?: unknown; options?: unknown };
      const files = ([] as unknown[]).concat(override.files ?? []).filter((f) => typeof f === 'string');
      const excluded = ([] as unknown[])
        .concat(override.excludeFiles ?? [])
        .filter((f) => typeof f === 'string');
      if (
        files.some((g) => globMatches(g as string, name)) &&
        !excluded.some((g) => globMatches(g as string, name)) &&
        typeof override.options === 'object' &&
        override.options !== null
      ) {
        Object.assign(out, prettierOptions(override.options as Record<string, unknown>));
      }
    }
  }
  return out;
}

/** The options Headroom uses from a Prettier config object (wrong types are ignored). */
function prettierOptions(config: Record<string, unknown>): Partial<FormatOptions> {
  const out: Partial<FormatOptions> = {};
  const int = (v: unknown): number | undefined =>
    typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
  if (int(config.printWidth)) out.printWidth = int(config.printWidth);
  if (int(config.tabWidth)) out.tabWidth = int(config.tabWidth);
  if (typeof config.useTabs === 'boolean') out.useTabs = config.useTabs;
  if (typeof config.singleQuote === 'boolean') out.singleQuote = config.singleQuote;
  if (typeof config.semi === 'boolean') out.semi = config.semi;
  if (config.trailingComma === 'all' || config.trailingComma === 'es5' || config.trailingComma === 'none') {
    out.trailingComma = config.trailingComma;
  }
  return out;
}

/** A Prettier config file's object, or {} when it cannot be read without running code. */
function parsePrettierConfig(file: string, text: string): Record<string, unknown> {
  if (/\.(?:c|m)?js$/.test(file)) {
    // Static object literals only: `module.exports = {...}` / `export default {...}`.
    const m = /(?:module\.exports\s*=|export\s+default)\s*(\{[\s\S]*\})\s*;?\s*$/.exec(stripComments(text));
    return (m && parseJsonLike(m[1])) ?? {};
  }
  if (file.endsWith('.toml')) {
    return parseKeyValues(text, '=');
  }
  const code = stripComments(text).trim();
  if (code.startsWith('{')) {
    return parseJsonLike(code) ?? {};
  }
  return file.endsWith('.json') || file.endsWith('.json5') ? {} : parseKeyValues(text, ':');
}

/** `//` and block comments removed (outside strings). */
function stripComments(text: string): string {
  return text.replace(
    /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
    (_m, s?: string) => s ?? '',
  );
}

/** JSON, or JSON5-ish (comments, single quotes, unquoted keys, trailing commas); undefined when neither. */
function parseJsonLike(text: string): Record<string, unknown> | undefined {
  const tryParse = (t: string): unknown => {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return undefined;
    }
  };
  let value = tryParse(text);
  if (value === undefined) {
    const json = stripComments(text)
      .replace(/'((?:[^'\\\n]|\\.)*)'/g, (_m, s: string) => JSON.stringify(s.replace(/\\'/g, "'")))
      .replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":')
      .replace(/,(\s*[}\]])/g, '$1');
    value = tryParse(json);
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Flat `key: value` (YAML) or `key = value` (TOML) lines; nested or list values are skipped. */
function parseKeyValues(text: string, sep: ':' | '='): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = new RegExp(`^([A-Za-z_][\\w-]*)\\s*${sep}\\s*(.+?)\\s*$`).exec(line.replace(/\s+#.*$/, ''));
    if (!m) {
      continue;
    }
    const raw = m[2];
    if (/^-?\d+$/.test(raw)) {
      out[m[1]] = Number(raw);
    } else if (raw === 'true' || raw === 'false') {
      out[m[1]] = raw === 'true';
    } else {
      out[m[1]] = raw.replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return out;
}

/** The options of the `.editorconfig` sections matching `name`, later sections winning. */
function editorconfigOptions(text: string, name: string): Partial<FormatOptions> {
  const props: Record<string, string> = {};
  let matches = false;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.replace(/\s[#;].*$/, '').trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      continue;
    }
    const section = /^\[(.*)\]$/.exec(trimmed);
    if (section) {
      matches = globMatches(section[1], name);
      continue;
    }
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(trimmed);
    if (kv && matches) {
      props[kv[1].toLowerCase()] = kv[2].toLowerCase();
    }
  }
  const out: Partial<FormatOptions> = {};
  const int = (v: string | undefined): number | undefined =>
    v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined;
  if (props.indent_style === 'tab' || props.indent_style === 'space') {
    out.useTabs = props.indent_style === 'tab';
  }
  const size =
    props.indent_size === 'tab' ? int(props.tab_width) : (int(props.indent_size) ?? int(props.tab_width));
  if (size) out.tabWidth = size;
  if (int(props.max_line_length)) out.printWidth = int(props.max_line_length);
  if (props.quote_type === 'single' || props.quote_type === 'double') {
    out.singleQuote = props.quote_type === 'single';
  }
  return out;
}

/**
 * Whether a glob (an `.editorconfig` section or a Prettier override) matches a file name:
 * `*`, `**`, `?`, `{a,b}` and `[...]`; a glob without `/` matches the name in any directory.
 */
export function globMatches(glob: string, name: string): boolean {
  const base = glob.includes('/') ? glob.slice(glob.lastIndexOf('/') + 1) : glob;
  let re = '';
  for (let i = 0; i < base.length; i++) {
    const c = base[i];
    if (c === '*') {
      re += '[^/]*';
      while (base[i + 1] === '*') i++;
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      const close = base.indexOf('}', i);
      if (close < 0) {
        re += '\\{';
        continue;
      }
      re += `(?:${base
        .slice(i + 1, close)
        .split(',')
        .map((alt) => alt.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
        .join('|')})`;
      i = close;
    } else if (c === '[') {
      const close = base.indexOf(']', i);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      re += `[${base
        .slice(i + 1, close)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')}]`;
      i = close;
    } else {
      re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
    }
  }
  try {
    return new RegExp(`^${re}$`).test(name);
  } catch {
    return false;
  }
}
