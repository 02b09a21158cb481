import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../constants';
import { ruleDocUrl } from '../../core/rules';
import type { Finding, Severity } from '../../core/lint/types';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The editor range of a finding (findings are 1-based, end column exclusive). */
export function findingRange(f: Finding): vscode.Range {
  return new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1);
}

/** Converts a core finding to a diagnostic whose code links to the rule's doc page. */
export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(findingRange(f), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.rule, target: vscode.Uri.parse(ruleDocUrl(f.rule)) };
  return d;
}

/** The rule id of a Headroom diagnostic, or undefined for anyone else's. */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}
