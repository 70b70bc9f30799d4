// Offsets and flags the analysis collects by the thousand live in Int32Arrays grown by doubling:
// number arrays grown by push leave most of their copies behind as garbage on every edit.

/** A copy of `a` with twice its room (its numbers copied over). */
export function doubled(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
