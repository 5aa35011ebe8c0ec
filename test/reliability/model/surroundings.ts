// What the kit's surroundings do: the backend answers, the clock runs, the browser goes off and
// on line.
import { act } from '@testing-library/react';
import {
  type AnonymousSession,
  type Answer,
  describeAnswer,
  handsOverSession,
  toResponse,
} from './answers.js';
import type { TabId } from './browser.js';
import type { Model } from './model.js';
import { ModelFailure } from './state.js';
import { counted, Step, settle, step } from './step.js';
import type { World } from './world.js';

/** The backend answers the oldest request the tab has in flight (else any tab's oldest). */
export class Respond extends Step {
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
export class Advance extends Step {
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
    counted(this.toString());
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
export class Network extends Step {
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
