import { decodeJwt, maskToken } from '../src/testing/index.js';

/** An access token the page has seen, by the name the developer panel shows for it. */
export interface NamedToken {
  name: string;
  /** Kept in memory for the server view's question; never rendered. */
  token: string;
  masked: string;
}

/**
 * Names every access token the page sees, in order, by whom it speaks for: "customer token 1",
 * "customer token 2" after a refresh, "guest token 1" after a logout. The request log shows only
 * masked bearers, which all start alike; the names say which token each request carried.
 */
export interface TokenNames {
  /** Names a token the first time it is seen; `null` and repeats are ignored. */
  note(token: string | null | undefined): void;
  /** Notes the access token of an answer's `content`, as the mocked auth endpoints send it. */
  noteAnswer(response: Response): Promise<void>;
  /** The name of a token, or of its masked form as the request log shows it. */
  nameOf(tokenOrMasked: string): string | undefined;
  /** Every token seen, oldest first (a new array after each change). */
  all(): readonly NamedToken[];
  subscribe(listener: () => void): () => void;
}

function kindOf(token: string): string {
  const claims = decodeJwt(token);
  if (claims === null) return 'token';
  return claims.is_anonymous === true ? 'guest token' : 'customer token';
}

export function createTokenNames(): TokenNames {
  let named: readonly NamedToken[] = [];
  const counts = new Map<string, number>();
  const listeners = new Set<() => void>();
  const find = (value: string) =>
    named.find(({ token, masked }) => token === value || masked === value);

  const note = (token: string | null | undefined) => {
    if (!token || named.some((entry) => entry.token === token)) return;
    const kind = kindOf(token);
    const count = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, count);
    named = [...named, { name: `${kind} ${count}`, token, masked: maskToken(token) }];
    for (const listener of listeners) listener();
  };

  return {
    note,
    async noteAnswer(response) {
      if (!response.headers.get('content-type')?.includes('json')) return;
      try {
        const body = (await response.clone().json()) as { content?: { access_token?: unknown } };
        const token = body?.content?.access_token;
        if (typeof token === 'string') note(token);
      } catch {
        // Not a JSON answer with tokens: nothing to name.
      }
    },
    nameOf: (value) => find(value)?.name,
    all: () => named,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The page's token names (Commerce Engine mode fills them in). */
export const tokenNames = createTokenNames();
