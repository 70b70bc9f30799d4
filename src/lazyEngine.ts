import type * as Engine from './engine';

let loaded: typeof Engine | undefined;

/** The core engine, required on first use (see src/engine.ts). */
export function engine(): typeof Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./engine') as typeof Engine);
}
