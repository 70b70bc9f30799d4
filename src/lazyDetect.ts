import type * as Detection from './detect';

let loaded: typeof Detection | undefined;

/** Detection, hover ranking and index loading, required on first use (see src/detect.ts): what the first hover needs, without the engine. */
export function detection(): typeof Detection {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./detect') as typeof Detection);
}
