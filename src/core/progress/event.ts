// Checks for single values of the progress document, shared by applyReview, parsing and import.
import { isRating, REVIEW_MODES, type ReviewEvent, type ReviewMode } from '../schedule/types';

export const MAX_ID_LENGTH = 300;

/** Keys that must never become property names of a record built from data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why `value` is not an acceptable id (question id or event id), or undefined when it is. */
export function idProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string, not ${describe(value)}`;
  if (value.length === 0) return 'must not be empty';
  if (value.length > MAX_ID_LENGTH) return `is ${value.length} characters long (at most ${MAX_ID_LENGTH})`;
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains control characters';
  if (FORBIDDEN_KEYS.has(value) || Object.prototype.hasOwnProperty.call(Object.prototype, value)) return `"${value}" is a reserved name`;
  return undefined;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;
/** Accepted review times: from 2000 to 2200 (anything else is a broken clock or hostile data). */
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2200, 0, 1);
const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Milliseconds of an ISO 8601 UTC time string (`2025-01-31T09:30:00.000Z`), NaN when it is not one or names a day that does not exist. */
export function parseIsoUtc(value: string): number {
  if (value.length === 24) {
    // Fast path for the canonical form this code writes: YYYY-MM-DDTHH:mm:ss.sssZ
    const c = (i: number) => value.charCodeAt(i) - 48;
    if (value[4] === '-' && value[7] === '-' && value[10] === 'T' && value[13] === ':' && value[16] === ':' && value[19] === '.' && value[23] === 'Z') {
      let ok = true;
      for (const i of DIGIT_POSITIONS) if (c(i) < 0 || c(i) > 9) ok = false;
      if (ok) {
        const y = c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3), mo = c(5) * 10 + c(6), d = c(8) * 10 + c(9);
        const h = c(11) * 10 + c(12), mi = c(14) * 10 + c(15), s = c(17) * 10 + c(18), ms = c(20) * 100 + c(21) * 10 + c(22);
        return validParts(y, mo, d, h, mi, s) ? Date.UTC(y, mo - 1, d, h, mi, s, ms) : NaN;
      }
    }
  }
  const m = ISO.exec(value);
  if (!m) return NaN;
  const y = +m[1], mo = +m[2], d = +m[3], h = +m[4], mi = +m[5], s = +m[6];
  if (!validParts(y, mo, d, h, mi, s)) return NaN;
  const ms = m[7] ? Math.round(Number(`0${m[7]}`) * 1000) : 0;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]) && h <= 23 && mi <= 59 && s <= 59;
}

/** Normalises an ISO 8601 UTC time string to `toISOString()` form; undefined with a reason when not one. */
export function checkIso(value: unknown, allowEpoch = false): { iso?: string; problem?: string } {
  if (typeof value !== 'string') return { problem: `must be an ISO date string, not ${describe(value)}` };
  const t = parseIsoUtc(value);
  if (!Number.isFinite(t)) {
    return { problem: ISO.test(value) ? `${quote(value)} is not a real date` : `${quote(value)} is not an ISO date (like 2025-01-31T09:30:00.000Z)` };
  }
  if ((t < MIN_TIME && !(allowEpoch && t === 0)) || t >= MAX_TIME) return { problem: `${quote(value)} is outside 2000–2199` };
  return { iso: value.length === 24 ? value : new Date(t).toISOString() };
}

/** Checks one review event; returns the clean event (fresh object, known fields only) or the problems. */
export function checkEvent(value: unknown, strictFields = true): { event?: ReviewEvent; problems: string[] } {
  const problems: string[] = [];
  if (!isPlainObject(value)) return { problems: [`must be an object, not ${describe(value)}`] };
  const v = value as Record<string, unknown>;
  if (strictFields) {
    for (const key of Object.keys(v)) if (!EVENT_FIELDS.has(key)) problems.push(`unknown field ${quote(key)}`);
  }
  const id = own(v, 'id');
  const idP = idProblem(id);
  if (idP) problems.push(`id ${idP}`);
  const questionId = own(v, 'questionId');
  const qP = idProblem(questionId);
  if (qP) problems.push(`questionId ${qP}`);
  const rating = own(v, 'rating');
  if (!isRating(rating)) problems.push(`rating ${describe(rating)} is not a rating (1 Again, 2 Hard, 3 Good, 4 Easy)`);
  const at = checkIso(own(v, 'at'));
  if (at.problem) problems.push(`at ${at.problem}`);
  const mode = own(v, 'mode');
  if (!REVIEW_MODES.includes(mode as ReviewMode)) problems.push(`mode ${describe(mode)} is not one of ${REVIEW_MODES.join(', ')}`);
  if (problems.length) return { problems };
  return { event: { id: id as string, questionId: questionId as string, rating: rating as ReviewEvent['rating'], at: at.iso!, mode: mode as ReviewMode }, problems };
}

const EVENT_FIELDS = new Set(['id', 'questionId', 'rating', 'at', 'mode']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A short, safe description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string': return quote(value);
    case 'number': return String(value);
    case 'object': return 'an object';
    case 'undefined': return 'missing';
    default: return `a ${typeof value}`;
  }
}

export function quote(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return JSON.stringify(short);
}
