import * as vscode from 'vscode';
import { CommandId } from '../../constants';
import { isRuleId, type RuleId } from '../../core/lint';

/**
 * The link behind a diagnostic's rule id: a `command:` URI that opens the rule's page from the
 * extension's own folder. VS Code's Problems panel and hover open code links with commands
 * allowed, so a click runs the command: no network, no "open external website?" prompt.
 */
export function ruleDocTarget(id: RuleId): vscode.Uri {
  return vscode.Uri.from({
    scheme: 'command',
    path: CommandId.openRuleDoc,
    query: JSON.stringify([id]),
  });
}

/** The rule's page as shipped in the .vsix (`docs/rules/<id>.md`). */
export function ruleDocFile(extensionUri: vscode.Uri, id: RuleId): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`);
}

/**
 * Registers `headroom.openRuleDoc`: shows the bundled page of a rule in the Markdown preview
 * (VS Code's built-in markdown extension), or as a plain document if the preview is missing.
 */
export function registerRuleDocCommand(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.openRuleDoc, async (id: unknown) => {
    if (!isRuleId(id)) {
      void vscode.window.showWarningMessage(`Headroom has no rule named ${String(id)}.`);
      return;
    }
    const page = ruleDocFile(extensionUri, id);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', page);
    } catch {
      await vscode.window.showTextDocument(page, { preview: true });
    }
  });
}
