// The insight table (issue 14): every check, in id order. An id is never reused for another insight.
import { cachePagePerUser } from './cachePagePerUser';
import type { InsightCheck } from './check';
import { debugOn } from './debugOn';
import { literalSecretKey } from './literalSecretKey';
import { markSafeFormatted } from './markSafeFormatted';
import { nullString } from './nullString';
import { rawSqlFormatted } from './rawSqlFormatted';

export const CHECKS: readonly InsightCheck[] = [
  rawSqlFormatted,
  markSafeFormatted,
  cachePagePerUser,
  nullString,
  debugOn,
  literalSecretKey,
];
