// @vitest-environment node
import { createStorefront } from '@commercengine/storefront-sdk';
import { describe, expect, it } from 'vitest';
import {
  anonymousUser,
  commerceEngineSession,
  decodeJwt,
  sampleCustomer,
} from '../../src/testing/index.js';

const STORE = 'store-7';

/** What the vendor SDK reads from an access token, without any network. */
async function sdkReads(accessToken: string) {
  const sdk = createStorefront({ storeId: STORE, session: { accessToken } }).session();
  return {
    info: await sdk.getUserInfo(),
    userId: await sdk.getUserId(),
    loggedIn: await sdk.isLoggedIn(),
    anonymous: await sdk.isAnonymous(),
    customerId: await sdk.getCustomerId(),
  };
}

describe('Commerce Engine tokens, as the vendor SDK reads them', () => {
  it('tell the SDK who the signed-in customer is', async () => {
    const { accessToken } = commerceEngineSession({ storeId: STORE });
    const read = await sdkReads(accessToken);
    expect(read).toMatchObject({
      userId: sampleCustomer.id,
      loggedIn: true,
      anonymous: false,
      customerId: sampleCustomer.id,
    });
    expect(read.info).toMatchObject({
      id: sampleCustomer.id,
      email: sampleCustomer.email,
      firstName: sampleCustomer.first_name,
      lastName: sampleCustomer.last_name,
      storeId: STORE,
      anonymousId: null,
    });
    expect(read.info?.tokenExpiry.getTime()).toBeGreaterThan(Date.now());
  });

  it('tell the SDK that a guest is anonymous, with the guest as its user', async () => {
    const guest = anonymousUser();
    const read = await sdkReads(commerceEngineSession({ storeId: STORE, user: guest }).accessToken);
    expect(read).toMatchObject({ userId: guest.id, loggedIn: false, anonymous: true });
    expect(read.customerId).toBeNull();
    expect(read.info).toMatchObject({ anonymousId: guest.id, email: undefined });
  });

  it('are RS256 JWTs with a 256-byte signature, as long as the real ones', () => {
    const { accessToken, refreshToken } = commerceEngineSession({ storeId: STORE });
    for (const token of [accessToken, refreshToken ?? '']) {
      const [header, , signature] = token.split('.');
      expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toMatchObject({
        alg: 'RS256',
      });
      expect(Buffer.from(signature ?? '', 'base64url')).toHaveLength(256);
    }
  });

  it('name the pair both tokens belong to, and the claims the SDK reads', () => {
    const { accessToken, refreshToken } = commerceEngineSession({ storeId: STORE });
    const access = decodeJwt(accessToken);
    const refresh = decodeJwt(refreshToken ?? '');
    expect(access).toMatchObject({
      ulid: sampleCustomer.id,
      customer_id: sampleCustomer.id,
      anonymous_id: null,
      is_anonymous: false,
      is_logged_in: true,
      store_id: STORE,
      email: sampleCustomer.email,
      first_name: sampleCustomer.first_name,
      last_name: sampleCustomer.last_name,
      iat: expect.any(Number),
      exp: expect.any(Number),
    });
    expect(access?.sid).toEqual(expect.any(String));
    expect(refresh?.sid).toBe(access?.sid);
    expect(decodeJwt(commerceEngineSession().accessToken)?.sid).not.toBe(access?.sid);
  });
});
