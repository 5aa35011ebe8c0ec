// The mocked Commerce Engine storefront API: the kit's `commerceEngine({ baseUrl: '/api/storefront' })`
// calls it from the browser, and the account page calls it from the server.
import {
  anonymousSession,
  logout,
  ordersOf,
  refresh,
  signIn,
} from '../../../../lib/mockStorefront';

const ERRORS = {
  400: { message: 'The request is invalid.', code: 'bad_request' },
  401: { message: 'Unauthorized', code: 'unauthorized' },
  404: { message: 'Not found.', code: 'not_found' },
  429: { message: 'Too many requests. Please try again later.', code: 'too_many_requests' },
} as const;

function failure(status: keyof typeof ERRORS, headers: Record<string, string> = {}): Response {
  return Response.json({ ...ERRORS[status], success: false }, { status, headers });
}

function success(message: string, content: unknown): Response {
  return Response.json({ message, success: true, content });
}

function bearer(request: Request): string | null {
  const match = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

async function body(request: Request): Promise<Record<string, unknown>> {
  try {
    const value: unknown = await request.json();
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

type Context = { params: Promise<{ path: string[] }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const path = (await params).path.join('/');
  switch (path) {
    case 'auth/anonymous':
      return success('Anonymous user created.', anonymousSession());
    case 'auth/login/password': {
      const { email, password } = await body(request);
      const session = signIn(email, password);
      return session ? success('Logged in successfully.', session) : failure(401);
    }
    case 'auth/logout': {
      const answer = logout(bearer(request));
      if (answer.status === 200) return success('Logged out successfully.', answer.content);
      if (answer.status === 429) {
        return failure(429, {
          'Retry-After': String(answer.retryAfterSeconds),
          'X-RateLimit-Limit': '60',
          'X-RateLimit-Remaining': '0',
        });
      }
      return failure(401);
    }
    case 'auth/refresh-token': {
      const tokens = refresh((await body(request)).refresh_token);
      return tokens ? success('Token refreshed.', tokens) : failure(401);
    }
    default:
      return failure(404);
  }
}

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const path = (await params).path.join('/');
  if (path !== 'orders') return failure(404);
  const orders = ordersOf(bearer(request));
  return orders ? success('Orders retrieved.', { orders }) : failure(401);
}
