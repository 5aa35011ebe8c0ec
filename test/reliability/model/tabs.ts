// What other tabs do: write the session from a tab the model keeps no store in, and deliver the
// storage events and channel messages on their way between the storefront's two tabs.
import type { TabId } from './browser.js';
import { openFault } from './known.js';
import type { Model } from './model.js';
import { ModelFailure, type TabModel } from './state.js';
import { observe, Step, same, step } from './step.js';
import { STORE_NAME, type World } from './world.js';

export type Foreign = 'logout' | 'sign-in' | 'stale' | 'removed' | 'junk';

/**
 * A tab the model keeps no store in writes the session (a storage event, or a message on the
 * store's channel); for an unnamed memory store, another app on the origin posts on the channel
 * such stores used before they were kept apart.
 */
export class OtherTab extends Step {
  constructor(readonly what: Foreign) {
    super();
  }
  check(model: Readonly<Model>) {
    const store = model.world.config.store;
    if (this.what === 'removed') return store === 'local';
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
      // A sign-in over a customer or a guest ends that session there (setSession moves the epoch
      // on); over no session it keeps the epoch.
      state.epoch =
        maxEpoch + (main.some((tab) => tab.session.epoch === maxEpoch && tab.session.user) ? 1 : 0);
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
export class DeliverSync extends Step {
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
      if (now.epoch < was.epoch) {
        throw new ModelFailure(`tab ${tab.id}'s epoch went back from ${was.epoch} to ${now.epoch}`);
      }
    }
    const [a, b] = main;
    if (a && b && a.mounted && b.mounted) {
      const sa = observed(a.id);
      const sb = observed(b.id);
      const channel = world.config.store !== 'local';
      const tolerate = channel && sa.epoch === sb.epoch && openFault('sameEpochOrder');
      if (JSON.stringify(sa) !== JSON.stringify(sb) && !tolerate) {
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
    for (const tab of main) {
      const was = before.get(tab.id);
      const now = observed(tab.id);
      model.write(tab, now);
      // Messages of one epoch may overwrite each other on their way (sameEpochOrder): where another
      // tab held another session of this epoch, this tab may have held no session for a moment,
      // which ends what it held (the cache goes), although the last message brought a session
      // again. Either is the kit's answer to the known fault.
      const rival = (other: TabModel['session'] | undefined) =>
        other !== undefined &&
        other.epoch === now.epoch &&
        JSON.stringify(other) !== JSON.stringify(now);
      const overwritten =
        world.config.store !== 'local' &&
        was?.epoch === now.epoch &&
        main.some(
          (other) => other !== tab && (rival(before.get(other.id)) || rival(observed(other.id))),
        ) &&
        openFault('sameEpochOrder');
      if (overwritten)
        tab.cached &&= world.tab(tab.id).queryClient.getQueryCache().getAll().length > 0;
    }
  }
  toString() {
    return 'DeliverSync';
  }
}
