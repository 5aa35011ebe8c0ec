// What the customer and the app do: sign in, refresh tokens, click, call the hook from outside
// render, reset, unmount and mount the provider, read useLogout's fields outside render.
import { fireEvent } from '@testing-library/react';
import type { TabId } from './browser.js';
import type { Model } from './model.js';
import { type AsyncCall, ModelFailure, SLACK_MS } from './state.js';
import { mounted, Step, step } from './step.js';
import type { World } from './world.js';

/** A customer signs in (setSession without an epoch); `odd` makes a token no header can carry. */
export class SignIn extends Step {
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
export class RefreshStart extends Step {
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
export class RefreshFinish extends Step {
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
export class Click extends Step {
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
export class Call extends Step {
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
export class Reset extends Step {
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

/** The app unmounts the provider's tree (navigation, a layout change). */
export class Unmount extends Step {
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
export class Mount extends Step {
  constructor(readonly tab: TabId) {
    super();
  }
  check(model: Readonly<Model>) {
    return model.tabs.get(this.tab)?.mounted === false;
  }
  async run(model: Model, world: World) {
    // A persisted store reads its storage again when sync starts (its first subscriber): what
    // other tabs stored while nothing watched, unless its own session is newer.
    const stored = world.tab(this.tab).shop.key === 'main' ? world.stored() : null;
    await step(
      model,
      this.toString(),
      () => world.tab(this.tab).mount(),
      () => {
        const tab = model.tab(this.tab);
        if (stored && stored.epoch >= tab.session.epoch) {
          model.write(tab, stored);
        }
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
export class ReadOutside extends Step {
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
    if (!agrees || read.isPending !== (read.status === 'pending')) {
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
