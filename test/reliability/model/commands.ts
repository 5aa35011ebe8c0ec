// The commands fast-check draws: what a customer, the app, the server, the browser and the clock
// can do to the kit. Each acts on the real kit inside `act`, applies the same change to the model,
// then checks every invariant (Model.check).
import { act, fireEvent } from '@testing-library/react';
import fc from 'fast-check';
import {
  type AnonymousSession,
  type Answer,
  answerArb,
  describeAnswer,
  handsOverSession,
  toResponse,
} from './answers.js';
import type { TabId } from './browser.js';
import {
  type AsyncCall,
  type Model,
  ModelFailure,
  openFault,
  SLACK_MS,
  type TabModel,
} from './model.js';
import { STORE_NAME, type Tab, type World } from './world.js';

type Command = fc.AsyncCommand<Model, World>;

let executed = 0;
/** How often each kind of command ran, for MODEL_STATS=1. */
export const commandStats = new Map<string, number>();
function tally(label: string) {
  const kind = label
    .replace(/\(.*$/, '')
    .replace(/^Respond.*/, label.replace(/^Respond\(\w, (\d+|a network).*$/, 'Respond $1'));
  commandStats.set(kind, (commandStats.get(kind) ?? 0) + 1);
}
/** How many commands have run so far in this process (those whose precondition held). */
export function executedCommands(): number {
  return executed;
}

/**
 * Lets msw, the kit and React finish what the last action started. The clock moves a few ms: a
 * timer set from inside a fake-timer task (a React effect, a lock grant) is due a millisecond
 * later, as a browser's would be a moment later.
 */
export async function settle() {
  for (let round = 0; round < 2; round++) await vi.advanceTimersByTimeAsync(0);
  for (let round = 0; round < 3; round++) await vi.advanceTimersByTimeAsync(1);
  await vi.advanceTimersByTimeAsync(0);
}

/** Runs one step: the action inside act, then the model's own changes and every check. */
async function step(
  model: Model,
  label: string,
  action: () => void,
  apply: (t0: number, t1: number) => void = () => {},
) {
  executed += 1;
  tally(label);
  const t0 = Date.now();
  model.note(`${t0}: ${label}`);
  // A synchronous act first, so React runs the effects of a render before any timer moves.
  act(() => {
    action();
  });
  await act(settle);
  const t1 = Date.now();
  apply(t0, t1);
  model.catchUp(t1);
  model.reconcile(t1);
  model.check(t1);
}

abstract class Step implements Command {
  abstract check(model: Readonly<Model>): boolean;
  abstract run(model: Model, world: World): Promise<void>;
  abstract toString(): string;
}

const mounted = (model: Readonly<Model>, tab: TabId) => model.tabs.get(tab)?.mounted === true;

/** A customer signs in (setSession without an epoch); `odd` makes a token no header can carry. */
class SignIn extends Step {
  constructor(
    readonly tab: TabId,
    readonly odd: string | undefined,
  ) {
    super();
  }
  check(model: Readonly<Model>) {
    return model.tabs.has(this.tab);
  }
  async run(model: Model, world: World) {
    const tab = world.tab(this.tab);
    const { shop } = tab;
    const session = {
      accessToken: world.mint(shop, 'access', this.odd),
      refreshToken: shop.backend === 'commerce-engine' ? world.mint(shop, 'refresh') : null,
      user: world.mint(shop, 'customer'),
    };
    await step(
      model,
      this.toString(),
      () => {
        tab.store.getState().setSession({ ...session, user: { id: session.user } });
        tab.queryClient.setQueryData(['orders', session.user], ['order-1']);
      },
      () => model.signIn(model.tab(this.tab), session),
    );
  }
  toString() {
    return `SignIn(${this.tab}${this.odd === undefined ? '' : `, token with ${JSON.stringify(this.odd)}`})`;
  }
}

/** The app starts a token refresh: it reads the epoch before its call, as the docs say. */
class RefreshStart extends Step {
  constructor(readonly tab: TabId) {
    super();
  }
  check(model: Readonly<Model>) {
    const tab = model.tabs.get(this.tab);
    return tab !== undefined && tab.session.accessToken !== null && tab.refresh === null;
  }
  async run(model: Model, world: World) {
    const tab = model.tab(this.tab);
    const { epoch } = world.tab(this.tab).store.getState();
    tab.refresh = { epoch };
    await step(model, this.toString(), () => {});
  }
  toString() {
    return `RefreshStart(${this.tab})`;
  }
}

/** The refresh answers: setSession(tokens, { epoch }) writes only if no logout happened since. */
class RefreshFinish extends Step {
  constructor(readonly tab: TabId) {
    super();
  }
  check(model: Readonly<Model>) {
    return model.tabs.get(this.tab)?.refresh != null;
  }
  async run(model: Model, world: World) {
    const tab = model.tab(this.tab);
    const real = world.tab(this.tab);
    const epoch = tab.refresh?.epoch ?? 0;
    tab.refresh = null;
    const tokens = {
      accessToken: world.mint(real.shop, 'access'),
      refreshToken:
        real.shop.backend === 'commerce-engine' ? world.mint(real.shop, 'refresh') : null,
    };
    let written: boolean | undefined;
    await step(
      model,
      this.toString(),
      () => {
        written = real.store.getState().setSession(tokens, { epoch });
      },
      () => {
        const expected = epoch === tab.session.epoch;
        if (written !== expected) {
          throw new ModelFailure(
            `tab ${this.tab}: setSession(tokens, { epoch: ${epoch} }) returned ${written}, the store's epoch being ${tab.session.epoch}`,
          );
        }
        if (expected) model.write(tab, tokens);
      },
    );
  }
  toString() {
    return `RefreshFinish(${this.tab})`;
  }
}

/** The customer clicks the LogoutButton. */
class Click extends Step {
  constructor(readonly tab: TabId) {
    super();
  }
  check(model: Readonly<Model>) {
    return mounted(model, this.tab);
  }
  async run(model: Model, world: World) {
    const button = world.tab(this.tab).button();
    await step(
      model,
      this.toString(),
      () => {
        if (button) fireEvent.click(button);
      },
      (t0) => {
        model.startLogout(model.tab(this.tab), 'button', t0);
      },
    );
  }
  toString() {
    return `Click(${this.tab})`;
  }
}

/** The app calls `logout()` or `logoutAsync()` from outside render (an event handler, an effect). */
class Call extends Step {
  constructor(
    readonly tab: TabId,
    readonly how: 'logout' | 'logoutAsync',
  ) {
    super();
  }
  check(model: Readonly<Model>) {
    return mounted(model, this.tab);
  }
  async run(model: Model, world: World) {
    const tab = model.tab(this.tab);
    const result = world.tab(this.tab).result;
    const call: AsyncCall = {
      label: `${this.how}()`,
      settled: null,
      expected: 'open',
      joins: null,
    };
    await step(
      model,
      this.toString(),
      () => {
        if (!result) return;
        if (this.how === 'logout') {
          result.logout();
          return;
        }
        result.logoutAsync().then(
          (value) => {
            call.settled = { ok: true, outcome: value.outcome };
          },
          (error: { kind?: string }) => {
            call.settled = { ok: false, kind: String(error?.kind) };
          },
        );
      },
      (t0) => {
        const expected = model.startLogout(tab, 'reader', t0);
        if (this.how === 'logout' || expected === 'ignored') return;
        call.expected = expected;
        call.joins = expected === 'open' ? (tab.logout?.id ?? null) : null;
        tab.asyncCalls.push(call);
      },
    );
  }
  toString() {
    return `Call(${this.tab}, ${this.how})`;
  }
}

/** The app calls `reset()` (not while a logout is in flight). */
class Reset extends Step {
  constructor(readonly tab: TabId) {
    super();
  }
  check(model: Readonly<Model>) {
    const tab = model.tabs.get(this.tab);
    return tab?.mounted === true && tab.mutation.status !== 'pending';
  }
  async run(model: Model, world: World) {
    const result = world.tab(this.tab).result;
    await step(
      model,
      this.toString(),
      () => result?.reset(),
      () => {
        model.tab(this.tab).mutation = { status: 'idle', kind: null, rateLimit: null };
      },
    );
  }
  toString() {
    return `Reset(${this.tab})`;
  }
}

/** The backend answers the oldest request the tab has in flight (else any tab's oldest). */
class Respond extends Step {
  constructor(
    readonly tab: TabId,
    readonly answer: Answer,
  ) {
    super();
  }
  check(model: Readonly<Model>) {
    return model.world.held.size > 0;
  }
  async run(model: Model, world: World) {
    const oldest = [...world.held.values()].sort((a, b) => a.request.id - b.request.id);
    const held = oldest.find((entry) => entry.request.tab === this.tab) ?? oldest[0];
    if (!held?.request.tab) return;
    this.answered = held.request.tab;
    const tab = model.tab(held.request.tab);
    const real = world.tab(held.request.tab);
    const owner = model.ownerOf(tab, held.request.id);
    const backend = real.shop.backend;
    const anonymous: AnonymousSession | null = handsOverSession(this.answer, backend)
      ? {
          accessToken: world.mint(real.shop, 'anonymous-access'),
          refreshToken: world.mint(real.shop, 'anonymous-refresh'),
          user: world.mint(real.shop, 'guest'),
        }
      : null;
    const builtAt = Date.now();
    await step(
      model,
      this.toString(),
      () => held.answer(toResponse(this.answer, backend, builtAt, anonymous)),
      (t0, t1) => {
        if (!owner) return;
        if ('logout' in owner) model.settleLogout(tab, this.answer, t0, t1, anonymous, builtAt);
        else model.settleRevocation(tab, owner.revocation, this.answer, t0, t1, anonymous, builtAt);
      },
    );
  }
  /** The tab whose request the last run answered, for the report. */
  private answered: TabId | null = null;
  toString() {
    return `Respond(${this.answered ?? this.tab}, ${describeAnswer(this.answer)})`;
  }
}

const LONG_MS = 31 * 24 * 3600 * 1000;

/** Time passes: the clock runs to each moment the model expects the kit to act, and checks there. */
class Advance extends Step {
  constructor(readonly by: number | 'next-event' | 'a month') {
    super();
  }
  check(model: Readonly<Model>) {
    if (this.by !== 'a month') return true;
    // A countdown re-renders once a second: a month of it would be millions of renders.
    const now = Date.now();
    return [...model.tabs.values()].every(
      (tab) => !tab.mounted || tab.session.retryAt === null || tab.session.retryAt <= now,
    );
  }
  async run(model: Model) {
    executed += 1;
    tally(this.toString());
    const start = Date.now();
    const next = model.nextEvent(start);
    // A countdown re-renders once a second: never run one for more than ten minutes.
    const counting = [...model.tabs.values()].some(
      (tab) => tab.mounted && tab.session.retryAt !== null && tab.session.retryAt > start,
    );
    const reach = counting ? 10 * 60_000 : LONG_MS;
    let end: number;
    if (this.by === 'next-event')
      end = next !== null && next - start <= reach ? next : start + 1000;
    else if (this.by === 'a month') end = start + LONG_MS;
    else end = start + this.by;
    model.note(`${start}: ${this.toString()} to ${end}`);
    for (let guard = 0; guard < 200; guard++) {
      const now = Date.now();
      if (now >= end) return;
      const target = Math.min(model.nextEvent(now) ?? end, end);
      await act(() => vi.advanceTimersByTimeAsync(Math.max(0, target - now)));
      await act(settle);
      const reached = Date.now();
      model.catchUp(reached);
      model.reconcile(reached);
      model.check(reached);
    }
    throw new ModelFailure('the clock did not reach its target in 200 steps');
  }
  toString() {
    return `Advance(${typeof this.by === 'number' ? `${this.by} ms` : this.by})`;
  }
}

/** The browser goes offline or back online (navigator.onLine and the window's event). */
class Network extends Step {
  constructor(readonly online: boolean) {
    super();
  }
  check(model: Readonly<Model>) {
    return model.online !== this.online;
  }
  async run(model: Model, world: World) {
    await step(
      model,
      this.toString(),
      () => world.network.set(this.online),
      (t0) => {
        if (this.online) model.goOnline(t0);
        else model.goOffline();
      },
    );
  }
  toString() {
    return this.online ? 'GoOnline' : 'GoOffline';
  }
}

/** The app unmounts the provider's tree (navigation, a layout change). */
class Unmount extends Step {
  constructor(readonly tab: TabId) {
    super();
  }
  check(model: Readonly<Model>) {
    return mounted(model, this.tab);
  }
  async run(model: Model, world: World) {
    await step(
      model,
      this.toString(),
      () => world.tab(this.tab).unmount(),
      () => {
        const tab = model.tab(this.tab);
        tab.mounted = false;
        tab.timerFor = null;
      },
    );
  }
  toString() {
    return `Unmount(${this.tab})`;
  }
}

/** The provider's tree mounts again, under StrictMode: a new logout controller. */
class Mount extends Step {
  constructor(readonly tab: TabId) {
    super();
  }
  check(model: Readonly<Model>) {
    return model.tabs.get(this.tab)?.mounted === false;
  }
  async run(model: Model, world: World) {
    await step(
      model,
      this.toString(),
      () => world.tab(this.tab).mount(),
      () => {
        const tab = model.tab(this.tab);
        tab.mounted = true;
        tab.generation += 1;
        tab.mutation = { status: 'idle', kind: null, rateLimit: null };
        tab.lastCaller = null;
        tab.revocation = 'idle';
        tab.timerFor = tab.session.retryAt;
        tab.logoutFn = null;
        tab.autoRetried = false;
      },
    );
  }
  toString() {
    return `Mount(${this.tab})`;
  }
}

/** Code outside render reads every field of the last useLogout result (an event handler, say). */
class ReadOutside extends Step {
  constructor(
    readonly tab: TabId,
    readonly reader: 'every field' | 'status only',
  ) {
    super();
  }
  check(model: Readonly<Model>) {
    return mounted(model, this.tab);
  }
  async run(model: Model, world: World) {
    const real = world.tab(this.tab);
    const result = this.reader === 'every field' ? real.result : real.statusResult;
    if (!result) throw new ModelFailure(`tab ${this.tab} renders no useLogout`);
    const now = Date.now();
    const read = {
      status: result.status,
      isPending: result.isPending,
      kind: result.error?.kind ?? null,
      retryAt: result.retryAt,
      secondsLeft: result.secondsLeft,
      rateLimit: result.rateLimit,
      revocation: result.revocation,
    };
    const tab = model.tab(this.tab);
    const fresh = [model.shown(tab, now), model.shown(tab, now - SLACK_MS)];
    const agrees = fresh.some(
      (shown) =>
        shown.status === read.status &&
        shown.kind === read.kind &&
        shown.retryAt === read.retryAt &&
        shown.secondsLeft === read.secondsLeft,
    );
    // A component that never read secondsLeft in render gets the value of its last render.
    const excused =
      this.reader === 'status only' &&
      ((openFault('secondsLeftOutsideRender') &&
        fresh.some((shown) => shown.status === read.status && shown.retryAt === read.retryAt)) ||
        model.staleAfterCooldown(tab, read.status, now));
    if ((!agrees && !excused) || read.isPending !== (read.status === 'pending')) {
      throw new ModelFailure(
        `tab ${this.tab}: read outside render (${this.reader} reader), useLogout gives ${JSON.stringify(read)}; ` +
          `the store and the clock say ${JSON.stringify(fresh[0])}`,
      );
    }
    if (JSON.stringify(read.rateLimit) !== JSON.stringify(tab.mutation.rateLimit)) {
      throw new ModelFailure(`tab ${this.tab}: rateLimit read outside render is stale`);
    }
    if (read.revocation !== tab.revocation) {
      throw new ModelFailure(`tab ${this.tab}: revocation read outside render is stale`);
    }
    await step(model, this.toString(), () => {});
  }
  toString() {
    return `ReadOutside(${this.tab}, ${this.reader})`;
  }
}

type Foreign = 'logout' | 'sign-in' | 'stale' | 'removed' | 'junk';

/**
 * A tab the model keeps no store in writes the session (a storage event, or a message on the
 * store's channel); for an unnamed memory store, another app on the origin posts on the channel
 * such stores used before they were kept apart.
 */
class OtherTab extends Step {
  constructor(readonly what: Foreign) {
    super();
  }
  check(model: Readonly<Model>) {
    const store = model.world.config.store;
    if (this.what === 'removed') return store === 'local';
    if (this.what === 'junk' && store !== 'local' && openFault('channelJunk')) return false;
    if (this.what === 'junk' && store === 'local' && openFault('storageJunk')) return false;
    return !(this.what === 'stale' && this.minEpoch(model) < 1);
  }
  private listening(model: Readonly<Model>): TabModel[] {
    const store = model.world.config.store;
    if (store === 'memory') return [];
    return [...model.tabs.values()].filter((tab) => tab.shop === 'main' && tab.mounted);
  }
  private minEpoch(model: Readonly<Model>): number {
    const epochs = [...model.tabs.values()]
      .filter((tab) => tab.shop === 'main')
      .map((tab) => tab.session.epoch);
    return Math.min(...epochs);
  }
  async run(model: Model, world: World) {
    const main = [...model.tabs.values()].filter((tab) => tab.shop === 'main');
    const maxEpoch = Math.max(...main.map((tab) => tab.session.epoch));
    const store = world.config.store;
    let state: Record<string, unknown> | null = null;
    let expected: 'adopt' | 'keep' = 'keep';
    if (this.what === 'logout') {
      state = { accessToken: null, refreshToken: null, user: null, retryAt: null };
      state.epoch = maxEpoch + 1;
      expected = 'adopt';
    } else if (this.what === 'sign-in') {
      // For an unnamed store, the session of another app: no token of this shop.
      const shop =
        store === 'memory' ? { key: 'main' as const, tokens: new Set<string>() } : world.shops.main;
      const token =
        store === 'memory' ? 'another-app-access-1' : world.mint(world.shops.main, 'access');
      if (store !== 'memory') shop.tokens.add(token);
      const user =
        store === 'memory' ? 'another-app-user' : world.mint(world.shops.main, 'customer');
      state = { accessToken: token, refreshToken: null, user: { id: user }, retryAt: null };
      state.epoch = maxEpoch;
      expected = 'adopt';
    } else if (this.what === 'stale') {
      // A session that ended: one the model saw end, else one that ended before the tabs opened.
      let old = [...model.ended.keys()].find((token) => token.startsWith('main-access'));
      if (!old) {
        old = world.mint(world.shops.main, 'access');
        model.ended.set(old, this.minEpoch(model));
      }
      state = {
        accessToken: old,
        refreshToken: null,
        user: { id: 'customer-before' },
        retryAt: null,
      };
      state.epoch = this.minEpoch(model) - 1;
    }
    const listening = new Set(this.listening(model).map((tab) => tab.id));
    const before = new Map([...model.tabs.values()].map((tab) => [tab.id, same(tab.session)]));
    let after = new Map<TabId, TabModel['session']>();
    const snapshot = () => {
      after = new Map([...world.tabs.values()].map((tab) => [tab.id, observe(tab)]));
    };
    await step(
      model,
      this.toString(),
      () => {
        if (store === 'local') {
          const value =
            this.what === 'removed'
              ? null
              : this.what === 'junk'
                ? '{"state": {"accessToken": "cut-of'
                : JSON.stringify({ state, version: 1 });
          world.storageEvents.writeFromElsewhere(STORE_NAME, value);
          snapshot();
          return;
        }
        const name =
          store === 'memory' ? 'storefront-auth-kit' : `storefront-auth-kit:${STORE_NAME}`;
        const channel = new BroadcastChannel(name);
        channel.postMessage(this.what === 'junk' ? 'bye' : state);
        channel.close();
        world.channels.deliverLast();
        snapshot();
      },
      () => {
        for (const tab of model.tabs.values()) {
          const was = before.get(tab.id);
          const got = after.get(tab.id);
          if (!was || !got) continue;
          const target =
            expected === 'adopt' && state && listening.has(tab.id)
              ? same({
                  accessToken: state.accessToken as string | null,
                  refreshToken: state.refreshToken as string | null,
                  user: (state.user as { id: string } | null)?.id ?? null,
                  retryAt: null,
                  epoch: state.epoch as number,
                })
              : was;
          // A tab that keeps its session may write it back under the key, and the other tab then
          // reads that newer (or equal) session instead: sync, not a change the foreign write made.
          const fromSibling =
            listening.has(tab.id) &&
            [...before.entries()].some(
              ([id, session]) =>
                id !== tab.id &&
                model.tab(id).shop === 'main' &&
                JSON.stringify(session) === JSON.stringify(got) &&
                session.epoch >= was.epoch,
            );
          if (
            JSON.stringify(got) !== JSON.stringify(target) &&
            !(expected === 'keep' && fromSibling)
          ) {
            throw new ModelFailure(
              `tab ${tab.id}: after another tab's ${this.what} the store holds ${JSON.stringify(got)}, ` +
                `the contract says ${JSON.stringify(target)}`,
            );
          }
          model.write(tab, got);
        }
      },
    );
  }
  toString() {
    return `OtherTab(${this.what})`;
  }
}

/** The tabs' pending storage events and channel messages arrive. */
class DeliverSync extends Step {
  check(model: Readonly<Model>) {
    return model.world.channels.pending > 0 || model.world.storageEvents.pending > 0;
  }
  async run(model: Model, world: World) {
    const before = new Map([...model.tabs.values()].map((tab) => [tab.id, same(tab.session)]));
    let after = new Map<TabId, TabModel['session']>();
    await step(
      model,
      this.toString(),
      () => {
        for (let round = 0; round < 100; round++) {
          const delivered = world.channels.deliverOne() || world.storageEvents.deliverOne();
          if (delivered) continue;
          // What the messages did, before any timer they armed runs (the model runs those).
          after = new Map([...world.tabs.values()].map((tab) => [tab.id, observe(tab)]));
          return;
        }
        throw new ModelFailure('tab sync keeps sending messages: it does not settle');
      },
      () => this.compare(model, world, before, after),
    );
  }
  /** The excuse of `staleKeyRehydrate`: the store went back to what the key holds now. */
  private readStaleKey(world: World, session: TabModel['session']): boolean {
    if (world.config.store !== 'local' || !openFault('staleKeyRehydrate')) return false;
    const value = JSON.parse(localStorage.getItem(STORE_NAME) ?? 'null')?.state;
    return (
      JSON.stringify(same({ ...value, user: value?.user?.id ?? null })) === JSON.stringify(session)
    );
  }

  private compare(
    model: Model,
    world: World,
    before: Map<TabId, TabModel['session']>,
    after: Map<TabId, TabModel['session']>,
  ) {
    const observed = (id: TabId) => after.get(id) ?? same(model.tab(id).session);
    const main = [...model.tabs.values()].filter((tab) => tab.shop === 'main');
    for (const tab of model.tabs.values()) {
      const was = before.get(tab.id);
      const now = observed(tab.id);
      if (!was) continue;
      const follows = tab.shop === 'main' && tab.mounted && main.length > 1;
      if (!follows && JSON.stringify(now) !== JSON.stringify(was)) {
        throw new ModelFailure(
          `tab ${tab.id}'s store changed when the tabs' messages arrived, although it syncs with none of them: ` +
            `${JSON.stringify(was)} became ${JSON.stringify(now)}`,
        );
      }
      if (now.epoch < was.epoch && !this.readStaleKey(world, now)) {
        throw new ModelFailure(`tab ${tab.id}'s epoch went back from ${was.epoch} to ${now.epoch}`);
      }
    }
    const [a, b] = main;
    if (a && b && a.mounted && b.mounted) {
      const sa = observed(a.id);
      const sb = observed(b.id);
      const channel = world.config.store !== 'local';
      const tolerate =
        (channel && sa.epoch === sb.epoch && openFault('sameEpochOrder')) ||
        (!channel && world.storageEvents.missedAny() && openFault('lateLocalTab'));
      if (JSON.stringify(sa) === JSON.stringify(sb)) world.storageEvents.caughtUp();
      else if (!tolerate) {
        throw new ModelFailure(
          `tabs ${a.id} and ${b.id} hold different sessions after every message arrived: ${JSON.stringify(sa)} and ${JSON.stringify(sb)}`,
        );
      }
      const wasA = before.get(a.id);
      const wasB = before.get(b.id);
      if (wasA && wasB && wasA.epoch !== wasB.epoch && !tolerate) {
        const newer = wasA.epoch > wasB.epoch ? wasA : wasB;
        if (JSON.stringify(sa) !== JSON.stringify(newer)) {
          throw new ModelFailure(
            `the tabs agree on ${JSON.stringify(sa)}, but the newer epoch's session was ${JSON.stringify(newer)}`,
          );
        }
      }
    }
    for (const tab of main) model.write(tab, observed(tab.id));
  }
  toString() {
    return 'DeliverSync';
  }
}

/** A tab's store, as the model writes a session. */
function observe(tab: Tab): TabModel['session'] {
  const state = tab.store.getState();
  return same({ ...state, user: state.user?.id ?? null });
}

/** A session in one key order, so two can be compared as JSON. */
function same(session: TabModel['session']): TabModel['session'] {
  const { accessToken, refreshToken, user, retryAt, epoch } = session;
  return { accessToken, refreshToken, user, retryAt, epoch };
}

// --- arbitraries ----------------------------------------------------------------------------

const oddCharacters = fc.constantFrom('\r\n', 'é', 'ą', ' ', '\t', '\u0000');

const advanceArb = fc.oneof(
  fc.integer({ min: 1, max: 999 }),
  fc.constantFrom(1000, 2000, 5000),
  fc.integer({ min: 1000, max: 70_000 }),
  { weight: 4, arbitrary: fc.constant('next-event' as const) },
  fc.constant('a month' as const),
);

/** The commands for a world with these tabs; `tabs` also decides which can sync. */
export function commandsFor(tabs: TabId[], synced: boolean): fc.Arbitrary<Command>[] {
  const tab = fc.constantFrom(...tabs);
  const commands: fc.Arbitrary<Command>[] = [
    tab.map((id) => new SignIn(id, undefined)),
    fc.tuple(tab, oddCharacters).map(([id, odd]) => new SignIn(id, odd)),
    tab.map((id) => new RefreshStart(id)),
    tab.map((id) => new RefreshFinish(id)),
    tab.map((id) => new Click(id)),
    tab.map((id) => new Click(id)),
    tab.map((id) => new Click(id)),
    fc
      .tuple(tab, fc.constantFrom('logout' as const, 'logoutAsync' as const))
      .map(([id, how]) => new Call(id, how)),
    tab.map((id) => new Reset(id)),
    ...Array.from({ length: 8 }, () =>
      fc.tuple(tab, answerArb).map(([id, answer]) => new Respond(id, answer)),
    ),
    ...Array.from({ length: 4 }, () => advanceArb.map((by) => new Advance(by))),
    // Offline spells are short: online again is three times as likely as offline.
    fc.constant(new Network(false)),
    ...Array.from({ length: 3 }, () => fc.constant(new Network(true))),
    tab.map((id) => new Unmount(id)),
    tab.map((id) => new Mount(id)),
    tab.map((id) => new Mount(id)),
    fc
      .tuple(tab, fc.constantFrom('every field' as const, 'status only' as const))
      .map(([id, reader]) => new ReadOutside(id, reader)),
    fc
      .constantFrom<Foreign>('logout', 'sign-in', 'stale', 'removed', 'junk')
      .map((what) => new OtherTab(what)),
  ];
  if (synced) {
    commands.push(fc.constant(new DeliverSync()), fc.constant(new DeliverSync()));
  }
  return commands;
}
