// The model: what the contract (README, CONTRACT.md and the decisions on tabs, offline and
// options) says the kit does, tab by tab, as plain data. Commands change it alongside the real
// kit; after every step `Model.check` compares the two and checks the invariants (checks.ts).

import type { LogoutErrorKind } from '../../../src/index.js';
import {
  type AnonymousSession,
  type Answer,
  describeAnswer,
  expectedRateLimit,
  expectedWait,
  handsOverSession,
  kindOf,
} from './answers.js';
import type { TabId } from './browser.js';
import { checkAll } from './checks.js';
import {
  type AsyncCall,
  DEFAULT_COOLDOWN_MS,
  DEFAULT_TIMEOUT_MS,
  EMPTY,
  type Expected,
  fail,
  type Logout,
  type MutationModel,
  type Revocation,
  type SessionModel,
  SLACK_MS,
  type TabModel,
  unsendable,
} from './state.js';
import type { World } from './world.js';

export class Model {
  readonly tabs = new Map<TabId, TabModel>();
  /** For each token a logout ended: the first epoch in which it is over. */
  readonly ended = new Map<string, number>();
  private expected: Expected[] = [];
  online = true;
  private logouts = 0;
  /** A 429 without a readable Retry-After was read: a development build warns, once a page. */
  unreadableRetryAfter = false;
  /** What happened, step by step, for the report of a failing run. */
  readonly trail: string[] = [];

  constructor(readonly world: World) {
    for (const tab of world.tabs.values()) {
      const { config } = tab;
      this.tabs.set(tab.id, {
        id: tab.id,
        shop: tab.shop.key,
        strategy: config.strategy,
        timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        cooldownMs: config.cooldownMs ?? DEFAULT_COOLDOWN_MS,
        autoRetry: config.autoRetry ?? true,
        buttonAutoRetry: config.buttonAutoRetry,
        maxAttempts: config.localFirst.maxAttempts ?? 5,
        retryDelayMs: config.localFirst.retryDelayMs ?? 2000,
        mounted: true,
        generation: 1,
        session: { ...EMPTY, epoch: 0, retryAt: null },
        mutation: { status: 'idle', kind: null, rateLimit: null },
        lastCaller: null,
        logout: null,
        revocations: [],
        revocation: 'idle',
        timerFor: null,
        refresh: null,
        cached: false,
        autoRetried: false,
        lockUntil: Number.NEGATIVE_INFINITY,
        logoutFn: null,
        seenCalls: 0,
        asyncCalls: [],
      });
    }
  }

  tab(id: TabId): TabModel {
    const tab = this.tabs.get(id);
    if (!tab) fail(`no tab ${id}`);
    return tab;
  }

  note(text: string) {
    this.trail.push(text);
    const kind = text.replace(/^\d+: /, '').replace(/\b[ABX]\b/g, '·');
    if (!/^[A-Z]/.test(kind)) Model.events.set(kind, (Model.events.get(kind) ?? 0) + 1);
  }

  /** How often the kit acted by itself (timeouts, cooldown ends, ...), for MODEL_STATS=1. */
  static readonly events = new Map<string, number>();

  // --- derived state ------------------------------------------------------------------------

  cooling(tab: TabModel, now: number): boolean {
    return tab.session.retryAt !== null && tab.session.retryAt > now;
  }

  /** What useLogout must show at `now`. */
  shown(tab: TabModel, now: number) {
    const cooling = this.cooling(tab, now);
    const retryAt = cooling ? tab.session.retryAt : null;
    let status: string = tab.mutation.status;
    let kind: LogoutErrorKind | null = tab.mutation.status === 'error' ? tab.mutation.kind : null;
    if (cooling) {
      status = 'rate-limited';
      kind = 'rate-limited';
    } else if (kind === 'rate-limited') {
      status = 'idle';
      kind = null;
    }
    const secondsLeft = retryAt === null ? 0 : Math.ceil((retryAt - now) / 1000);
    return { status, kind, retryAt, secondsLeft };
  }

  /** The autoRetry a cooldown's end obeys: the last caller's option, else the provider's. */
  autoRetryOf(tab: TabModel): boolean {
    const own = tab.lastCaller === 'button' ? tab.buttonAutoRetry : undefined;
    return own ?? tab.autoRetry;
  }

  /** Whether a Web Lock decides which tab retries: a named store, in a browser with Web Locks. */
  locked(tab: TabModel): boolean {
    return (
      this.world.config.webLocks && tab.shop === 'main' && this.world.config.store !== 'memory'
    );
  }

  // --- session changes ------------------------------------------------------------------------

  /** A store write: the provider's timer follows retryAt. */
  write(tab: TabModel, next: Partial<SessionModel>) {
    const before = tab.session;
    tab.session = { ...before, ...next };
    const { accessToken, refreshToken, user } = tab.session;
    // A new epoch ends the session held; so does one gone without a new epoch (another tab's
    // late message of the same epoch), as far as the cached data goes.
    if (tab.session.epoch > before.epoch) this.endedAt(before, tab.session.epoch, tab);
    else if (!accessToken && !refreshToken && !user) tab.cached = false;
    if (tab.session.retryAt !== before.retryAt) {
      tab.timerFor = tab.mounted ? tab.session.retryAt : null;
      if (tab.session.retryAt !== null) tab.autoRetried = false;
    }
  }

  private endedAt(before: SessionModel, epoch: number, tab: TabModel) {
    for (const token of [before.accessToken, before.refreshToken]) {
      if (token !== null && !this.ended.has(token)) this.ended.set(token, epoch);
    }
    // The session ended: the customer's cached data goes with it.
    tab.cached = false;
  }

  endSession(tab: TabModel, next: AnonymousSession | null) {
    this.write(tab, {
      ...(next ?? EMPTY),
      retryAt: null,
      epoch: tab.session.epoch + 1,
    });
  }

  signIn(
    tab: TabModel,
    session: { accessToken: string; refreshToken: string | null; user: string },
  ) {
    const { user, epoch } = tab.session;
    // Someone else over the session held (a customer over a guest, or another customer): setSession
    // ends the session held, as a logout does, and keeps nothing of it (nor its cooldown).
    this.write(
      tab,
      user !== null && user !== session.user
        ? { ...EMPTY, ...session, retryAt: null, epoch: epoch + 1 }
        : session,
    );
    tab.cached = true;
  }

  // --- logouts --------------------------------------------------------------------------------

  /**
   * A logout asked for at `now`: by the button (which ignores clicks while busy), or from outside
   * render through `logout`/`logoutAsync`. Returns what `logoutAsync` settles with, or `'open'`.
   */
  startLogout(
    tab: TabModel,
    caller: 'button' | 'reader',
    now: number,
  ): AsyncCall['expected'] | 'ignored' {
    const shown = this.shown(tab, now);
    if (caller === 'button' && (shown.status === 'pending' || shown.status === 'rate-limited'))
      return 'ignored';
    if (tab.mutation.status === 'pending') return 'open';
    if (this.cooling(tab, now)) return { ok: false, kind: 'rate-limited' };
    return this.run(tab, caller, now);
  }

  /** The provider runs its mutation (a click, a call, or the end of a cooldown). */
  private run(
    tab: TabModel,
    caller: 'button' | 'reader' | null,
    now: number,
    underLock = false,
  ): AsyncCall['expected'] {
    tab.lastCaller = caller;
    tab.mutation = { status: 'pending', kind: null, rateLimit: null };
    const token = tab.session.accessToken;
    if (tab.strategy === 'local-first') {
      this.endSession(tab, null);
      const outcome = token && !unsendable(token) ? 'signed-out' : 'no-session';
      tab.mutation = { status: 'success', kind: null, rateLimit: null };
      if (token && !unsendable(token)) this.revoke(tab, token, now);
      return { ok: true, outcome };
    }
    if (tab.logout) {
      tab.logout.generations.add(tab.generation);
      if (underLock) tab.logout.underLock = true;
      return 'open';
    }
    if (!token || unsendable(token)) {
      this.endSession(tab, null);
      tab.mutation = { status: 'success', kind: null, rateLimit: null };
      return { ok: true, outcome: 'no-session' };
    }
    const logout: Logout = {
      id: ++this.logouts,
      resent: 0,
      token,
      epoch: tab.session.epoch,
      sentAt: now,
      deadline: now + tab.timeoutMs,
      call: null,
      generations: new Set([tab.generation]),
      cooldownMs: tab.cooldownMs,
      underLock,
    };
    tab.logout = logout;
    this.expectLogout(tab, logout, now, 'the logout');
    return 'open';
  }

  private expectLogout(tab: TabModel, logout: Logout, now: number, what: string) {
    logout.call = null;
    this.expect({
      tab: tab.id,
      token: logout.token,
      what,
      notBefore: now,
      dueBy: now,
      claim: (call, at) => {
        logout.call = call;
        logout.sentAt = at;
        logout.deadline = at + tab.timeoutMs;
        // Offline, the browser fails the request at once.
        if (!this.online) this.settleLogout(tab, { verdict: 'network' }, at, at, null);
      },
    });
  }

  /** The logout of `tab` ends with `answer` (or a timeout), read by the kit between t0 and t1. */
  settleLogout(
    tab: TabModel,
    answer: Answer | 'timeout',
    t0: number,
    t1: number,
    anonymous: AnonymousSession | null,
    builtAt = t0,
  ) {
    const logout = tab.logout;
    if (!logout) fail(`tab ${tab.id} has no logout in flight to settle`);
    const stillOurs = tab.session.epoch === logout.epoch;
    const current = tab.session.accessToken;
    if (
      answer !== 'timeout' &&
      answer.verdict.endsWith('signed-out') &&
      stillOurs &&
      logout.resent < 2 &&
      current !== logout.token &&
      current !== null &&
      !unsendable(current)
    ) {
      // A refresh replaced the token while the logout was on the wire, and the server ended the
      // old one or no longer knew it: the live token is the one to revoke (again while refreshes
      // keep landing under the answers, twice at most).
      logout.resent += 1;
      logout.token = current;
      this.note(`tab ${tab.id} sends the logout again with the refreshed token`);
      this.expectLogout(tab, logout, t0, 'the logout again, with the refreshed token');
      return;
    }
    tab.logout = null;
    let mutation: MutationModel;
    let result: AsyncCall['expected'];
    if (answer === 'timeout') {
      mutation = { status: 'error', kind: 'timeout', rateLimit: null };
      result = { ok: false, kind: 'timeout' };
    } else {
      const rateLimit = expectedRateLimit(answer);
      const kind = kindOf(answer);
      if (kind === null) {
        if (stillOurs) {
          const backend = this.world.tab(tab.id).shop.backend;
          this.endSession(tab, handsOverSession(answer, backend) ? anonymous : null);
        }
        mutation = { status: 'success', kind: null, rateLimit };
        result = {
          ok: true,
          outcome: answer.verdict === 'signed-out' ? 'signed-out' : 'already-signed-out',
        };
      } else {
        if (answer.verdict === 'rate-limited') {
          this.readRetryAfter(answer);
          if (stillOurs) this.pinRetryAt(tab, answer, logout.cooldownMs, t0, t1, builtAt);
        }
        mutation = { status: 'error', kind, rateLimit };
        result = { ok: false, kind };
      }
    }
    if (logout.generations.has(tab.generation)) tab.mutation = mutation;
    for (const call of tab.asyncCalls) {
      if (call.expected === 'open' && call.joins === logout.id) {
        call.expected = result;
        call.joins = null;
      }
    }
    if (logout.underLock) {
      // The lock is let go once the retry settles, a second later unless a new cooldown began.
      tab.lockUntil = tab.session.retryAt !== null ? t1 : t0 + 1000;
    }
  }

  private readRetryAfter(answer: Extract<Answer, { verdict: 'rate-limited' }>) {
    const { type } = answer.retryAfter;
    if (type === 'none' || type === 'junk') this.unreadableRetryAfter = true;
  }

  /** Reads the retryAt the kit stored after a 429, after checking it against the contract. */
  private pinRetryAt(
    tab: TabModel,
    answer: Extract<Answer, { verdict: 'rate-limited' }>,
    cooldownMs: number,
    t0: number,
    t1: number,
    builtAt: number,
  ) {
    const low = t0 + expectedWait(answer.retryAfter, cooldownMs, t0, builtAt);
    const high = t1 + expectedWait(answer.retryAfter, cooldownMs, t1, builtAt);
    const stored = this.world.tab(tab.id).store.getState().retryAt;
    if (stored === null || stored < low - 1 || stored > high + 1) {
      fail(
        `tab ${tab.id}: after ${describeAnswer(answer)} (cooldownMs ${cooldownMs}) retryAt should be ` +
          `between ${low - t0} and ${high - t0} ms ahead, but the store holds ${stored === null ? null : stored - t0}`,
      );
    }
    this.write(tab, { retryAt: stored });
  }

  // --- local-first revocation -----------------------------------------------------------------

  private revoke(tab: TabModel, token: string, now: number) {
    const revocation: Revocation = {
      token,
      epoch: tab.session.epoch,
      generation: tab.generation,
      attempts: 0,
      state: 'waiting',
      call: null,
      sentAt: 0,
      deadline: 0,
      notBefore: now,
      dueBy: now,
      cooldownMs: tab.cooldownMs,
    };
    tab.revocations.push(revocation);
    this.revocationStatus(tab, revocation, 'pending');
    this.sendRevocation(tab, revocation);
  }

  private revocationStatus(tab: TabModel, revocation: Revocation, status: TabModel['revocation']) {
    if (revocation.generation === tab.generation) tab.revocation = status;
  }

  /** The next attempt is due: online it must go out; offline it waits for the `online` event. */
  private sendRevocation(tab: TabModel, revocation: Revocation) {
    if (!this.online) return;
    this.expect({
      tab: tab.id,
      token: revocation.token,
      what: `the revocation (attempt ${revocation.attempts + 1})`,
      notBefore: revocation.notBefore,
      dueBy: revocation.dueBy,
      claim: (call, at) => {
        revocation.attempts += 1;
        revocation.state = 'in-flight';
        revocation.call = call;
        revocation.sentAt = at;
        revocation.deadline = at + tab.timeoutMs;
        if (!this.online) this.settleRevocation(tab, revocation, { verdict: 'network' }, at, at);
      },
    });
  }

  settleRevocation(
    tab: TabModel,
    revocation: Revocation,
    answer: Answer | 'timeout',
    t0: number,
    t1: number,
    anonymous: AnonymousSession | null = null,
    builtAt = t0,
  ) {
    revocation.call = null;
    const backoff = revocation.attempts;
    const delay = tab.retryDelayMs * 2 ** (backoff - 1);
    const retry = (low: number, high: number) => {
      if (revocation.attempts >= tab.maxAttempts) return this.finish(tab, revocation, 'failed');
      this.note('revocation retry scheduled');
      revocation.state = 'waiting';
      revocation.notBefore = low;
      revocation.dueBy = high;
    };
    if (answer === 'timeout' || answer.verdict === 'network' || answer.verdict === 'server') {
      return retry(t0 + delay, t1 + delay);
    }
    if (answer.verdict === 'rate-limited') {
      this.readRetryAfter(answer);
      return retry(
        t0 + expectedWait(answer.retryAfter, revocation.cooldownMs, t0, builtAt),
        t1 + expectedWait(answer.retryAfter, revocation.cooldownMs, t1, builtAt),
      );
    }
    if (answer.verdict === 'signed-out' || answer.verdict === 'already-signed-out') {
      const backend = this.world.tab(tab.id).shop.backend;
      if (
        anonymous &&
        handsOverSession(answer, backend) &&
        tab.session.accessToken === null &&
        tab.session.epoch === revocation.epoch
      ) {
        this.write(tab, anonymous);
      }
      return this.finish(tab, revocation, 'done');
    }
    return this.finish(tab, revocation, 'failed');
  }

  private finish(tab: TabModel, revocation: Revocation, status: 'done' | 'failed') {
    this.note(`revocation ${status}`);
    revocation.state = status;
    this.revocationStatus(tab, revocation, status);
  }

  // --- time -----------------------------------------------------------------------------------

  /** The next moment (after `after`) at which the model expects the kit to act by itself. */
  nextEvent(after: number): number | null {
    let next: number | null = null;
    const consider = (time: number) => {
      if (Number.isFinite(time) && time > after && (next === null || time < next)) next = time;
    };
    for (const tab of this.tabs.values()) {
      if (tab.logout && tab.logout.call !== null) consider(tab.logout.deadline);
      if (tab.timerFor !== null) consider(Math.max(tab.timerFor, after + 1));
      for (const revocation of tab.revocations) {
        if (revocation.state === 'in-flight') consider(revocation.deadline);
        if (revocation.state === 'waiting' && this.online) consider(revocation.dueBy);
      }
    }
    return next;
  }

  /** Applies, in time order, everything the kit does by itself up to `now`. */
  catchUp(now: number) {
    for (let guard = 0; guard < 1000; guard++) {
      const due = this.earliestDue(now);
      if (!due) return;
      due.apply();
    }
    fail('the model did not settle');
  }

  private earliestDue(now: number): { at: number; apply(): void } | null {
    const candidates: Array<{ at: number; apply(): void }> = [];
    for (const tab of this.tabs.values()) {
      const { logout } = tab;
      if (logout && logout.call !== null && logout.deadline <= now) {
        candidates.push({
          at: logout.deadline,
          apply: () => {
            this.note(`${logout.deadline}: tab ${tab.id}'s logout timed out`);
            this.settleLogout(tab, 'timeout', logout.deadline, logout.deadline, null);
          },
        });
      }
      for (const revocation of tab.revocations) {
        if (revocation.state === 'in-flight' && revocation.deadline <= now) {
          candidates.push({
            at: revocation.deadline,
            apply: () =>
              this.settleRevocation(
                tab,
                revocation,
                'timeout',
                revocation.deadline,
                revocation.deadline,
              ),
          });
        }
      }
      if (tab.timerFor !== null && tab.timerFor <= now) {
        const retryAt = tab.timerFor;
        candidates.push({ at: retryAt, apply: () => this.endCooldown(tab, retryAt, now) });
      }
    }
    candidates.sort((a, b) => a.at - b.at);
    return candidates[0] ?? null;
  }

  /** The provider's timer fires at the end of a cooldown. */
  private endCooldown(tab: TabModel, retryAt: number, now: number) {
    tab.timerFor = null;
    this.note(`${retryAt}: tab ${tab.id}'s cooldown ended`);
    if (!this.autoRetryOf(tab) || tab.session.accessToken === null) {
      this.write(tab, { retryAt: null });
      return;
    }
    tab.autoRetried = true;
    if (!this.locked(tab)) return this.retry(tab, retryAt);
    // The Web Lock, granted by the browser in a later task: a millisecond later on the fake clock,
    // within the same step (the pause in between shows only in what the live region said).
    this.lockGranted(tab, retryAt, Math.max(retryAt, now));
  }

  /** The automatic retry, inside the lock where there is one. */
  private retry(tab: TabModel, retryAt: number) {
    if (
      tab.session.retryAt !== retryAt ||
      tab.session.accessToken === null ||
      tab.mutation.status === 'pending'
    )
      return;
    const token = tab.session.accessToken;
    this.note(`tab ${tab.id} retries automatically`);
    this.run(tab, tab.lastCaller, retryAt, this.locked(tab));
    if (tab.logout?.token === token && this.locked(tab)) tab.lockUntil = Number.POSITIVE_INFINITY;
    this.write(tab, { retryAt: null });
    tab.autoRetried = true;
  }

  private lockGranted(tab: TabModel, retryAt: number, at: number) {
    // Another tab of this store holds the lock: it retries, this one learns the outcome by sync.
    const holder = [...this.tabs.values()].find(
      (other) => other !== tab && other.shop === tab.shop && other.lockUntil > at,
    );
    if (holder) {
      this.note(`tab ${tab.id} leaves the retry to tab ${holder.id}, which holds the lock`);
      return;
    }
    // Two tabs whose cooldowns end together race for the lock: the one that sent the retry won it.
    const rival = [...this.tabs.values()].find(
      (other) =>
        other !== tab &&
        other.shop === tab.shop &&
        other.timerFor === retryAt &&
        this.sentUnclaimed(other, other.session.accessToken),
    );
    if (rival && !this.sentUnclaimed(tab, tab.session.accessToken)) {
      this.note(`tab ${tab.id} lost the lock to tab ${rival.id}`);
      return;
    }
    this.retry(tab, retryAt);
  }

  // --- requests -------------------------------------------------------------------------------

  private expect(expected: Expected) {
    this.expected.push(expected);
  }

  /** The `online` event: revocations that waited go out. */
  goOnline(now: number) {
    this.online = true;
    for (const tab of this.tabs.values()) {
      for (const revocation of tab.revocations) {
        if (revocation.state !== 'waiting') continue;
        revocation.notBefore = Math.max(revocation.notBefore, 0);
        if (revocation.dueBy < now) revocation.dueBy = now;
        this.sendRevocation(tab, revocation);
      }
    }
  }

  goOffline() {
    this.online = false;
    // Attempts not yet sent wait for the `online` event.
    this.expected = this.expected.filter((expected) => !expected.what.startsWith('the revocation'));
  }

  /** A revocation whose wait ran out while online is due now. */
  private dueRevocations(now: number) {
    if (!this.online) return;
    for (const tab of this.tabs.values()) {
      for (const revocation of tab.revocations) {
        if (revocation.state !== 'waiting') continue;
        if (this.expected.some((e) => e.tab === tab.id && e.token === revocation.token)) continue;
        if (now >= revocation.notBefore) this.sendRevocation(tab, revocation);
      }
    }
  }

  /** Matches the fetch calls the tabs made with what the model expected them to send. */
  reconcile(now: number) {
    this.dueRevocations(now);
    for (const tab of this.world.tabs.values()) {
      const model = this.tab(tab.id);
      for (const call of tab.calls.slice(model.seenCalls)) {
        model.seenCalls += 1;
        const index = this.expected.findIndex(
          (expected) => expected.tab === tab.id && expected.token === call.token,
        );
        const expected = this.expected[index];
        if (!expected) {
          fail(
            `tab ${tab.id} sent a logout request nobody asked for (token ${call.token}, at ${call.at})`,
          );
        }
        if (call.at < expected.notBefore - 1) {
          fail(
            `tab ${tab.id} sent ${expected.what} ${expected.notBefore - call.at} ms before it was due`,
          );
        }
        this.expected.splice(index, 1);
        expected.claim(call.id, call.at);
      }
    }
    for (const expected of this.expected) {
      if (now > expected.dueBy + SLACK_MS) {
        fail(
          `tab ${expected.tab} should have sent ${expected.what} ${expected.dueBy === expected.notBefore ? 'at once' : 'by now'}, ` +
            `${now - expected.dueBy} ms ago, and has not`,
        );
      }
    }
  }

  /** Whether `tab` made a fetch call with `token` that the model has not matched yet. */
  private sentUnclaimed(tab: TabModel, token: string | null): boolean {
    return this.world
      .tab(tab.id)
      .calls.slice(tab.seenCalls)
      .some((call) => call.token === token);
  }

  /** The model's own record of what a held request of `tab` belongs to. */
  ownerOf(tab: TabModel, call: number): { logout: Logout } | { revocation: Revocation } | null {
    if (tab.logout?.call === call) return { logout: tab.logout };
    const revocation = tab.revocations.find((entry) => entry.call === call);
    return revocation ? { revocation } : null;
  }

  /** Everything that must hold after every step (checks.ts). */
  check(now: number) {
    checkAll(this, now);
  }
}
