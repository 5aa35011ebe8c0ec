import type { RateLimit } from './types.js';

function count(value: string | null): number | null {
  // Only plain non-negative integers: "57", not "57abc", "-1" or "1e3".
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

/** Reads `X-RateLimit-Limit` and `X-RateLimit-Remaining`; `null` when the answer has neither. */
export function readRateLimit(headers: Headers): RateLimit | null {
  const limit = count(headers.get('X-RateLimit-Limit'));
  const remaining = count(headers.get('X-RateLimit-Remaining'));
  return limit === null && remaining === null ? null : { limit, remaining };
}
