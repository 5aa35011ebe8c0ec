// The model's state: what the contract says each tab's store, logout and revocations hold.
import type { LogoutErrorKind, RateLimit } from '../../../src/index.js';
import type { TabId } from './browser.js';
import type { Strategy } from './world.js';

/** How far (in fake ms) the clock may run past a moment before the kit must have acted on it. */
export const SLACK_MS = 100;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_COOLDOWN_MS = 60_000;

export interface SessionModel {
  accessToken: string | null;
  refreshToken: string | null;
  user: string | null;
  epoch: number;
  retryAt: number | null;
}

export const EMPTY = { accessToken: null, refreshToken: null, user: null };

/** A `'confirm'` logout of a store, in flight (the kit sends one per store, however often asked). */
export interface Logout {
  id: number;
  token: string;
  /** How often it was sent again with the current token, after a 401/403/404 for a token a refresh replaced. */
  resent: number;
  epoch: number;
  sentAt: number;
  deadline: number;
  /** The tab's fetch call, once seen. */
  call: number | null;
  /** The providers (mounts) whose logout state waits on it. */
  generations: Set<number>;
  cooldownMs: number;
  /** Started by the end of a cooldown, inside the Web Lock. */
  underLock: boolean;
}

/** A local-first revocation of one token, running in the background. */
export interface Revocation {
  token: string;
  /** The store's epoch right after the local sign-out: an adopted session must be of it. */
  epoch: number;
  generation: number;
  attempts: number;
  state: 'in-flight' | 'waiting' | 'done' | 'failed';
  call: number | null;
  sentAt: number;
  deadline: number;
  /** While waiting: no attempt before `notBefore`; one must have gone out by `dueBy` (online). */
  notBefore: number;
  dueBy: number;
  cooldownMs: number;
}

export interface MutationModel {
  status: 'idle' | 'pending' | 'success' | 'error';
  kind: LogoutErrorKind | null;
  rateLimit: RateLimit | null;
}

export interface TabModel {
  id: TabId;
  shop: 'main' | 'other';
  strategy: Strategy;
  timeoutMs: number;
  cooldownMs: number;
  autoRetry: boolean;
  buttonAutoRetry: boolean | undefined;
  maxAttempts: number;
  retryDelayMs: number;
  mounted: boolean;
  generation: number;
  session: SessionModel;
  mutation: MutationModel;
  /** Whose options the provider's next automatic retry uses. */
  lastCaller: 'button' | 'reader' | null;
  logout: Logout | null;
  revocations: Revocation[];
  revocation: 'idle' | 'pending' | 'done' | 'failed';
  /** The retryAt the mounted provider's timer waits for. */
  timerFor: number | null;
  /** The epoch a token refresh read before its call. */
  refresh: { epoch: number } | null;
  /** The tab's query cache holds the customer's data. */
  cached: boolean;
  /** A cooldown ended with an automatic retry: nothing may invite a click now. */
  autoRetried: boolean;
  /** Until when this tab's automatic retry holds the store's Web Lock. */
  lockUntil: number;
  /** The first `logout` function of this mount: it must never change. */
  logoutFn: unknown;
  /** Fetch calls already matched to what the model expected. */
  seenCalls: number;
  asyncCalls: AsyncCall[];
}

/** A `logoutAsync()` called from outside render, and what it must settle with. */
export interface AsyncCall {
  label: string;
  settled: { ok: true; outcome: string } | { ok: false; kind: string } | null;
  expected: { ok: true; outcome: string } | { ok: false; kind: string } | 'open';
  /** The logout whose outcome it shares, while open. */
  joins: number | null;
}

/** A request the model expects a tab to send. */
export interface Expected {
  tab: TabId;
  token: string;
  what: string;
  notBefore: number;
  dueBy: number;
  /** Claims the fetch call once seen. */
  claim(call: number, at: number): void;
}

export class ModelFailure extends Error {
  override readonly name = 'ModelFailure';
}

export function fail(message: string): never {
  throw new ModelFailure(message);
}

/** A token no HTTP header can carry: anything outside visible ASCII (issue 9, fault 5). */
export function unsendable(token: string): boolean {
  return !/^[\x21-\x7e]+$/.test(token);
}
