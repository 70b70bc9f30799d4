// Shared checks for messages arriving from our webviews.

/** An entry id as the index makes them (guide slug, `#`, hash); anything else is refused. */
export const ENTRY_ID = /^[\w:#./@+-]{1,300}$/;

export function isEntryId(value: unknown): value is string {
  return typeof value === 'string' && ENTRY_ID.test(value);
}

/** A plain object (not null, not an array): the only shape a message may have. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
