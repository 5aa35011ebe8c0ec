// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  decodeJwt,
  isJwtLive,
  maskToken,
  mintJwt,
  mintSanctumToken,
} from '../../src/testing/index.js';

describe('mintJwt', () => {
  it('mints three base64url parts whose payload holds the claims, iat and a future exp', () => {
    const now = Date.UTC(2026, 10, 21, 6, 0, 0);
    const token = mintJwt({ customer_id: 'c1', store_id: 's1' }, { now, expiresIn: 600 });
    const parts = token.split('.');
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    expect(decodeJwt(token)).toEqual({
      customer_id: 'c1',
      store_id: 's1',
      iat: now / 1000,
      exp: now / 1000 + 600,
    });
  });

  it('mints a different signature every time', () => {
    const claims = { iat: 1, exp: 2 };
    expect(mintJwt(claims)).not.toBe(mintJwt(claims));
  });

  it('mints an RS256 token with a 256-byte signature, as a 2048-bit RSA key signs', () => {
    const [header, , signature] = mintJwt({}, { algorithm: 'RS256' }).split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({
      alg: 'RS256',
      typ: 'JWT',
    });
    expect(Buffer.from(signature ?? '', 'base64url')).toHaveLength(256);
    expect(signature).toHaveLength(342);
  });

  it('signs with as many bytes as signatureBytes asks, 32 for HS256 by default', () => {
    const bytes = (token: string) => Buffer.from(token.split('.')[2] ?? '', 'base64url').length;
    expect(bytes(mintJwt())).toBe(32);
    expect(bytes(mintJwt({}, { signatureBytes: 512 }))).toBe(512);
    expect(bytes(mintJwt({}, { algorithm: 'RS256', signatureBytes: 384 }))).toBe(384);
  });

  it('keeps non-ASCII claims intact', () => {
    expect(decodeJwt(mintJwt({ name: 'Zoë Ødegård ✓' }))?.name).toBe('Zoë Ødegård ✓');
  });
});

describe('decodeJwt and isJwtLive', () => {
  it('reject values that are not a JWT with iat and exp', () => {
    const body = Buffer.from(JSON.stringify({ sub: 'x' })).toString('base64url');
    for (const junk of ['', 'a.b', 'a.b.c.d', 'a.%%%.c', `x.${body}.y`, 'x..y', 'x.bnVsbA.y']) {
      expect(decodeJwt(junk)).toBeNull();
      expect(isJwtLive(junk)).toBe(false);
    }
  });

  it('tells a live token from an expired one', () => {
    expect(isJwtLive(mintJwt({}, { expiresIn: 60 }))).toBe(true);
    expect(isJwtLive(mintJwt({}, { expiresIn: -60 }))).toBe(false);
  });
});

describe('token helpers', () => {
  it('mints Sanctum tokens as id|40 characters', () => {
    expect(mintSanctumToken(12)).toMatch(/^12\|[A-Za-z0-9]{40}$/);
  });

  it('masks a token so that most of it never shows', () => {
    const token = mintJwt();
    const masked = maskToken(token);
    expect(masked).toBe(`${token.slice(0, 6)}…${token.slice(-4)}`);
    expect(masked.length).toBeLessThan(12);
    expect(maskToken('short')).toBe('•••••');
    expect(maskToken(null)).toBe('(none)');
  });
});
