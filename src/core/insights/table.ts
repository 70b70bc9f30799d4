// The insight table (issue 14): every check, in id order. An id is never reused for another insight.
import type { InsightCheck } from './check';
import { debugOn } from './debugOn';
import { literalSecretKey } from './literalSecretKey';
import { lockOutsideAtomic } from './lockOutsideAtomic';
import { markSafeFormatted } from './markSafeFormatted';
import { nullString } from './nullString';
import { receiverSavesInstance } from './receiverSavesInstance';
import { taskInAtomic } from './taskInAtomic';

export const CHECKS: readonly InsightCheck[] = [
  taskInAtomic,
  lockOutsideAtomic,
  receiverSavesInstance,
  markSafeFormatted,
  nullString,
  debugOn,
  literalSecretKey,
];
