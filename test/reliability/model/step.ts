// One step of the model-based test: an action on the real kit inside `act`, the same change to the
// model, then every invariant (Model.check). The commands extend Step.
import { act } from '@testing-library/react';
import type fc from 'fast-check';
import type { TabId } from './browser.js';
import type { Model } from './model.js';
import type { TabModel } from './state.js';
import type { Tab, World } from './world.js';

export type Command = fc.AsyncCommand<Model, World>;

let executed = 0;
/** How often each kind of command ran, for MODEL_STATS=1. */
export const commandStats = new Map<string, number>();
/** Counts a command that runs (its precondition held). */
export function counted(label: string) {
  executed += 1;
  tally(label);
}

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
export async function step(
  model: Model,
  label: string,
  action: () => void,
  apply: (t0: number, t1: number) => void = () => {},
) {
  counted(label);
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

export abstract class Step implements Command {
  abstract check(model: Readonly<Model>): boolean;
  abstract run(model: Model, world: World): Promise<void>;
  abstract toString(): string;
}

export const mounted = (model: Readonly<Model>, tab: TabId) =>
  model.tabs.get(tab)?.mounted === true;

/** A tab's store, as the model writes a session. */
export function observe(tab: Tab): TabModel['session'] {
  const state = tab.store.getState();
  return same({ ...state, user: state.user?.id ?? null });
}

/** A session in one key order, so two can be compared as JSON. */
export function same(session: TabModel['session']): TabModel['session'] {
  const { accessToken, refreshToken, user, retryAt, epoch } = session;
  return { accessToken, refreshToken, user, retryAt, epoch };
}
