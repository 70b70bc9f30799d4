// The insight table (issue 14): every check, in id order. An id is never reused for another insight.
import type { InsightCheck } from './check';
import { counterUpdate } from './counterUpdate';
import { debugOn } from './debugOn';
import { literalSecretKey } from './literalSecretKey';
import { markSafeFormatted } from './markSafeFormatted';
import { nPlusOne } from './nPlusOne';
import { nullString } from './nullString';

export const CHECKS: readonly InsightCheck[] = [
  nPlusOne,
  markSafeFormatted,
  counterUpdate,
  nullString,
  debugOn,
  literalSecretKey,
];
