import { commerceEngine } from 'storefront-auth-kit';

/**
 * The storefront API as the browser calls it. Here it is the example's mock on the same origin; a
 * real storefront passes `{ storeId, environment }` instead.
 */
export const backend = commerceEngine({ storeId: 'demo-store', baseUrl: '/api/storefront' });
