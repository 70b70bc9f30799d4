// Content hash for self-checking stored progress: 64-bit FNV-1a over UTF-16 code units, computed as
// two 32-bit halves with different offsets so it stays pure TypeScript (no node:crypto in core).
// Not cryptographic: it detects accidental damage (a changed character, a cut or duplicated part),
// not tampering. validate.ts has a separate 32-bit `fnv1a` that names migrated schema-0 reviews:
// it must stay byte-for-byte as it is (changing it would change those ids), so it is not reused here.

const PRIME = 0x01000193;

/** FNV-1a hash of `text` as 16 hex digits. */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ (c & 0xff), PRIME);
    a = Math.imul(a ^ (c >>> 8), PRIME);
    b = Math.imul(b ^ (c >>> 8), PRIME);
    b = Math.imul(b ^ (c & 0xff), PRIME);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
