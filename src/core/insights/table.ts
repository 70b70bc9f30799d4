// The insight table (issue 14): every check, in id order. An id is never reused for another insight.
// DJC006 (markSafeFormatted.ts) is out: 6 of 20 findings right on the 15 reviewed projects (test/fixtures/insights/review/withdrawn/DJC006.tsv).
import { cachePagePerUser } from './cachePagePerUser';
import type { InsightCheck } from './check';
import { counterUpdate } from './counterUpdate';
import { debugOn } from './debugOn';
import { literalSecretKey } from './literalSecretKey';
import { lockOutsideAtomic } from './lockOutsideAtomic';
import { nPlusOne } from './nPlusOne';
import { nullString } from './nullString';
import { rawSqlFormatted } from './rawSqlFormatted';
import { receiverSavesInstance } from './receiverSavesInstance';
import { taskInAtomic } from './taskInAtomic';

export const CHECKS: readonly InsightCheck[] = [
  nPlusOne,
  taskInAtomic,
  lockOutsideAtomic,
  receiverSavesInstance,
  rawSqlFormatted,
  counterUpdate,
  cachePagePerUser,
  nullString,
  debugOn,
  literalSecretKey,
];
