/** Escapes guide text for VS Code Markdown (hovers, tooltips) so it shows as typed and links nothing. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, c => `\\${c}`);
}

/** "asked twice" / "asked 3 times" for a question the guides repeat (folded into one entry), else ''. */
export function askedAgain(entry: { variantIds?: readonly string[] }): string {
  const times = (entry.variantIds?.length ?? 0) + 1;
  return times === 1 ? '' : times === 2 ? 'asked twice' : `asked ${times} times`;
}

/** Like escapeMarkdown, but `backticked` names stay code spans (insight texts name APIs that way). */
export function escapeMarkdownKeepCode(text: string): string {
  return text.split('`').map((part, i) => (i % 2 && part && !part.includes('\n') ? `\`${part}\`` : escapeMarkdown(part))).join('');
}
