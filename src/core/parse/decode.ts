// Turns a guide file's bytes into text, or a clear reason why it cannot be read.

export const MAX_GUIDE_BYTES = 5 * 1024 * 1024;

export type Decoded = { text: string } | { error: string };

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function decodeGuide(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { error: 'the file is empty' };
  if (bytes.length > MAX_GUIDE_BYTES) return { error: `the file is too large (${mb(bytes.length)}; guides are read up to ${mb(MAX_GUIDE_BYTES)})` };
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return { error: 'the file looks binary (it contains NUL bytes), not a Markdown or text guide' };
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > head.length * 0.1) return { error: 'the file looks binary (too many control characters), not a Markdown or text guide' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: `the file is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)}); save it as UTF-8` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { error: 'the file is empty (only whitespace)' };
  return { text };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return i;
}
