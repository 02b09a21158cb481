/** Whether a text mentions Claude, Anthropic or a key: a file that does not has nothing to find on its own. */
export function mentionsClaude(text: string): boolean {
  return (
    text.includes('anthropic') ||
    text.includes('Anthropic') ||
    text.includes('sk-ant-') ||
    text.includes('claude') ||
    text.includes('Claude') ||
    text.includes('CLAUDE')
  );
}
