import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../constants';
import type { Finding, Severity } from '../../core/lint/types';
import { ruleDocTarget } from './ruleDocs';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The editor range of a finding (both are 0-based, end exclusive). */
export function findingRange(f: Finding): vscode.Range {
  const { start, end } = f.range;
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

/** Converts a core finding to a diagnostic whose code opens the rule's bundled doc page. */
export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(findingRange(f), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.rule, target: ruleDocTarget(f.rule) };
  return d;
}

/** The rule id of a Headroom diagnostic, or undefined for anyone else's. */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}
