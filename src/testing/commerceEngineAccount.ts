import { http } from 'msw';
import { failure, json } from './commerceEngineAnswers.js';
import type { CommerceEngineTokenState } from './commerceEngineTokens.js';
import type { JwtPayload } from './jwt.js';
import { bearerToken, logged, type MockHandlerOptions } from './scenario.js';

/** One order as Commerce Engine lists it (`OrderList` of `GET /orders`, without its items). */
export interface CommerceEngineOrder {
  order_number: string;
  order_date: string;
  status: 'confirmed' | 'shipped' | 'complete' | 'cancelled';
  payment_status: 'pending' | 'success' | 'failed' | 'partially_paid';
  payment_success_date: string | null;
  has_refund: boolean;
  on_subscription: boolean;
  grand_total: number;
  loyalty_point_redeemed: number;
  credit_balance_used: number;
  to_be_paid: number;
  order_items_count: number;
  customer_note: string | null;
  loyalty_point_earned: number;
  currency: { name: string; code: string; symbol: string };
  created_at: string;
  modified_at: string;
}

const EURO = Object.freeze({ name: 'Euro', code: 'EUR', symbol: '€' });

const order = (
  order_number: string,
  placed: string,
  status: CommerceEngineOrder['status'],
  grand_total: number,
  order_items_count: number,
  modified: string,
): CommerceEngineOrder =>
  Object.freeze({
    order_number,
    order_date: placed,
    status,
    payment_status: 'success',
    payment_success_date: placed,
    has_refund: false,
    on_subscription: false,
    grand_total,
    loyalty_point_redeemed: 0,
    credit_balance_used: 0,
    to_be_paid: 0,
    order_items_count,
    customer_note: null,
    loyalty_point_earned: Math.floor(grand_total),
    currency: EURO,
    created_at: placed,
    modified_at: modified,
  });

/** The signed-in customer's orders that `GET {root}/orders` lists, newest first. */
export const sampleOrders: readonly CommerceEngineOrder[] = Object.freeze([
  order('SO-10482', '2026-11-18T10:12:44Z', 'confirmed', 89.9, 2, '2026-11-18T10:13:02Z'),
  order('SO-10377', '2026-10-29T16:40:09Z', 'shipped', 34.5, 1, '2026-10-30T08:05:51Z'),
  order('SO-10151', '2026-09-12T08:21:37Z', 'complete', 212, 4, '2026-09-16T14:47:20Z'),
]);

const positive = (value: string | null, fallback: number) => {
  const number = Number(value);
  return Number.isSafeInteger(number) && number > 0 ? number : fallback;
};

// The vendor's own example of a 401 for a resource of another user.
const NOT_THEIRS = { message: 'Not authorized for given operation on the Resource.' };

// Ids are ULIDs, so the raw path segment is the id (and junk can never throw).
const lastSegment = (request: Request) => new URL(request.url).pathname.split('/').pop() ?? '';
const userIdQuery = (request: Request) => new URL(request.url).searchParams.get('user_id');

interface Account {
  root: string;
  options: MockHandlerOptions;
  tokens: CommerceEngineTokenState;
  storeOf: (request: Request) => string | undefined;
}

/**
 * The session endpoints the vendor SDK calls on a customer's behalf: `GET auth/user/{id}`,
 * `GET wishlist/{user_id}` and `GET orders?user_id=`. Each answers only a live access token, and
 * only about the token's own user (its `ulid` claim); anything else gets Commerce Engine's 401.
 */
export function commerceEngineAccountHandlers({ root, options, tokens, storeOf }: Account) {
  /** Answers with the request's live access token, about the user `ownerOf` reads from the URL. */
  const session = (
    endpoint: string,
    ownerOf: (request: Request) => string | null,
    answer: (payload: JwtPayload, request: Request) => Response,
  ) =>
    logged(options, 'commerce-engine', endpoint, (request) => {
      const token = bearerToken(request);
      const payload = token === null ? null : tokens.live(token, 'access', storeOf(request));
      if (payload === null) return failure(401);
      const owner = ownerOf(request);
      if (owner !== null && owner !== payload.ulid) return failure(401, NOT_THEIRS);
      return answer(payload, request);
    });

  return [
    http.get(
      `${root}/auth/user/:id`,
      session('auth/user', lastSegment, (payload) => {
        const user = tokens.userOf(payload);
        const customerId = user.is_anonymous ? null : user.id;
        return json({
          message: 'User details fetched successfully.',
          success: true,
          content: {
            user: {
              ...user,
              customer_id: customerId,
              customer_group_id: null,
              customer_group: null,
              business: null,
            },
          },
        });
      }),
    ),
    http.get(
      `${root}/wishlist/:id`,
      session('wishlist', lastSegment, () =>
        json({
          message: 'Wishlist fetched successfully.',
          success: true,
          content: { products: [] },
        }),
      ),
    ),
    http.get(
      `${root}/orders`,
      session('orders', userIdQuery, (payload, request) => {
        const query = new URL(request.url).searchParams;
        const all = payload.is_anonymous === true ? [] : sampleOrders;
        const limit = positive(query.get('limit'), 25);
        const page = positive(query.get('page'), 1);
        const pages = Math.ceil(all.length / limit);
        return json({
          message: 'Orders fetched successfully.',
          success: true,
          content: {
            orders: all.slice((page - 1) * limit, page * limit),
            pagination: {
              total_records: all.length,
              total_pages: pages,
              previous_page: page > 1 ? page - 1 : null,
              next_page: page < pages ? page + 1 : null,
              limit,
            },
          },
        });
      }),
    ),
  ];
}
