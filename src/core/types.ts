/**
 * The customer (or anonymous guest) a session belongs to. Commerce Engine fills in the profile
 * fields; Wemasy sessions may carry only `id`.
 */
export interface SessionUser {
  id: string;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone?: string | null;
  is_anonymous?: boolean;
  is_logged_in?: boolean;
  [field: string]: unknown;
}

/** The part of the session a backend hands out: what a sign-in writes and a logout clears. */
export interface SessionData {
  accessToken: string | null;
  refreshToken: string | null;
  user: SessionUser | null;
}

/** Rate-limit figures from the last response's `X-RateLimit-*` headers. */
export interface RateLimit {
  limit: number | null;
  remaining: number | null;
}

/** What a logout ended in, when it did not fail. */
export type LogoutOutcome = 'signed-out' | 'already-signed-out' | 'no-session';

/** The value `logoutAsync` resolves with. */
export interface LogoutResult {
  outcome: LogoutOutcome;
  /** The HTTP status of the answer, absent when nothing was sent. */
  status?: number;
  /** `true` when the backend handed back an anonymous session that the store now holds. */
  adoptedAnonymousSession: boolean;
  /** `true` when a 2xx body could not be read or failed validation, so nothing of it was kept. */
  unusableBody: boolean;
  /** Rate-limit figures of the answer, `null` when it had none. */
  rateLimit: RateLimit | null;
  /**
   * `false` when web storage refused to let go of the ended session (a storage that throws on
   * every write and removal); the session is gone from memory all the same, and `onStorageError`
   * was told. Absent when storage was cleared or the store keeps no storage.
   */
  storageCleared?: false;
}
