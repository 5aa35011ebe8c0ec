import { HttpResponse } from 'msw';
import { CORS_HEADERS } from './scenario.js';

/** Commerce Engine's error bodies, `{ message, success: false, code }`, by status. */
const ERRORS = {
  400: { message: 'The request is invalid.', code: 'bad_request' },
  401: { message: 'Unauthorized', code: 'unauthorized' },
  404: { message: 'User not found.', code: 'not_found' },
  429: { message: 'Too many requests. Please try again later.', code: 'too_many_requests' },
  500: { message: 'Internal server error.', code: 'internal_server_error' },
} as const;

/** A JSON answer that a page on another origin may read. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body as Record<string, unknown>, {
    status,
    headers: { ...CORS_HEADERS, ...headers },
  });
}

/** An error in Commerce Engine's envelope; `extra` overrides or adds fields (`errors`). */
export function failure(
  status: keyof typeof ERRORS,
  extra: Record<string, unknown> = {},
): Response {
  const headers: Record<string, string> =
    status === 429 ? { 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0' } : {};
  return json({ ...ERRORS[status], success: false, ...extra }, status, headers);
}
