// Test control of the mocked API (not part of Commerce Engine): `POST { email, times,
// retryAfterSeconds }` makes the customer's next `times` logouts answer 429 with that
// `Retry-After`; `POST { email, revoke: true }` kills every token of the customer, as a logout on
// another device would; `GET ?email=` tells how many logouts the customer sent.
import { logoutsOf, rateLimitLogouts, revokeAll } from '../../../lib/mockStorefront';

export async function POST(request: Request): Promise<Response> {
  const { email, times = 1, retryAfterSeconds = 3, revoke = false } = await request.json();
  if (typeof email !== 'string')
    return Response.json({ error: 'email is required' }, { status: 400 });
  if (revoke) revokeAll(email);
  else rateLimitLogouts(email, Number(times), Number(retryAfterSeconds));
  return new Response(null, { status: 204 });
}

export function GET(request: Request): Response {
  const email = new URL(request.url).searchParams.get('email') ?? '';
  return Response.json({ logouts: logoutsOf(email) });
}
