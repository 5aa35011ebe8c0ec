/**
 * Real-looking JSON Web Tokens for mocks: three base64url parts, a JSON payload with `iat` and `exp`.
 * The signature is random bytes of the algorithm's length, so nothing can verify it but tokens are
 * as long as real ones; the mocks only read the payload, as a storefront does.
 */

/** The claims Commerce Engine puts in its access and refresh tokens. */
export interface JwtPayload {
  /** Expiry, in seconds since the epoch. */
  exp: number;
  /** Issued at, in seconds since the epoch. */
  iat: number;
  [claim: string]: unknown;
}

export interface MintJwtOptions {
  /**
   * Seconds from `now` until the token expires; negative for an already expired token.
   * @default 3600
   */
  expiresIn?: number;
  /**
   * The time the token is issued at, in epoch ms.
   * @default Date.now()
   */
  now?: number;
  /**
   * The `alg` of the header. The signature stays random bytes either way.
   * @default 'HS256'
   */
  algorithm?: 'HS256' | 'RS256';
  /**
   * How many random bytes the signature holds: what makes a mock token as long as a real one.
   * @default 32 for HS256 (an HMAC-SHA256), 256 for RS256 (a 2048-bit RSA key)
   */
  signatureBytes?: number;
}

const SIGNATURE_BYTES = { HS256: 32, RS256: 256 } as const;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(part: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return null;
  const padded = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  try {
    const binary = atob(padded);
    return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** `length` random bytes from the platform's CSPRNG (Node 20 and every browser have it). */
export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/**
 * Mints an unsigned, real-looking JWT: `header.payload.signature`, each base64url-encoded.
 * `iat` and `exp` are filled in unless the claims give them.
 *
 * @example
 * const token = mintJwt({ customer_id: 'c1', store_id: 'demo' }, { expiresIn: -60 }) // expired
 * const sized = mintJwt({ ulid: '01J…' }, { algorithm: 'RS256' }) // a 342-character signature
 */
export function mintJwt(
  claims: Record<string, unknown> = {},
  options: MintJwtOptions = {},
): string {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const payload = { iat, exp: iat + (options.expiresIn ?? 3600), ...claims };
  const alg = options.algorithm ?? 'HS256';
  const signature = randomBytes(options.signatureBytes ?? SIGNATURE_BYTES[alg]);
  const encode = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
  return `${encode({ alg, typ: 'JWT' })}.${encode(payload)}.${toBase64Url(signature)}`;
}

/**
 * Reads the payload of a JWT without verifying it. `null` when the value is not three base64url
 * parts with a JSON object holding numeric `iat` and `exp`.
 */
export function decodeJwt(token: string): JwtPayload | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => part === '')) return null;
  const json = fromBase64Url(parts[1] ?? '');
  if (json === null) return null;
  try {
    const payload: unknown = JSON.parse(json);
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
    const { exp, iat } = payload as Record<string, unknown>;
    if (typeof exp !== 'number' || typeof iat !== 'number') return null;
    return payload as JwtPayload;
  } catch {
    return null;
  }
}

/** `true` when the token decodes and its `exp` lies after `now` (epoch ms). */
export function isJwtLive(token: string, now: number = Date.now()): boolean {
  const payload = decodeJwt(token);
  return payload !== null && payload.exp * 1000 > now;
}
