/** Escapes guide text for VS Code Markdown (hovers, tooltips) so it shows as typed and links nothing. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, c => `\\${c}`);
}
