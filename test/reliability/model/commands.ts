// The commands fast-check draws, with their weights: what a customer, the app, the server, the
// browser, other tabs and the clock can do to the kit.
import fc from 'fast-check';
import { answerArb } from './answers.js';
import {
  Call,
  Click,
  Mount,
  ReadOutside,
  RefreshFinish,
  RefreshStart,
  Reset,
  SignIn,
  Unmount,
} from './app.js';
import type { TabId } from './browser.js';
import type { Command } from './step.js';
import { Advance, Network, Respond } from './surroundings.js';
import { DeliverSync, type Foreign, OtherTab } from './tabs.js';

export { commandStats, executedCommands, settle } from './step.js';

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
