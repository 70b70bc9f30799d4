import type * as FeaturesModule from './features';

let loaded: typeof FeaturesModule | undefined;

/** The features module, required on first use (see src/features.ts). */
export function featuresModule(): typeof FeaturesModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./features') as typeof FeaturesModule);
}
