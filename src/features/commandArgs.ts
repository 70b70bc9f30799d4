/** A command's entry argument: an entry id, or a tree node / object carrying one (context menus pass the node). */
export function entryIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as { id?: unknown; entry?: { id?: unknown } };
    if (typeof o.entry?.id === 'string') return o.entry.id;
    if (typeof o.id === 'string') return o.id;
  }
  return undefined;
}
