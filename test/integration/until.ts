// Waiting in the extension host for a state the extension reaches asynchronously (a view following the
// editor, features loading once the window settles). The deadline is only there to turn a hang into a
// failure that says what never happened: it is most of mocha's 30 s per test, far beyond any normal wait,
// so a busy machine slows these tests down instead of failing them.

/** Resolves once `condition()` holds (checked every 50 ms); rejects naming `what` after `ms`. */
export async function until(condition: () => boolean, what: string, ms = 25_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise(r => setTimeout(r, 50));
  }
}
