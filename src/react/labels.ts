import type { ReactNode } from 'react';

// No 'use client': plain data and pure functions, so a Server Component can read the defaults
// (render a countdown text, say) without crossing into client code.

/** The button's words, replaceable for other languages. */
export interface LogoutButtonLabels {
  /** @default 'Log out' */
  idle: ReactNode;
  /** @default 'Logging out…' */
  pending: ReactNode;
  /** The button text while cooling down. @default (seconds) => `Try again in ${seconds} s` */
  coolingDown: (secondsLeft: number) => ReactNode;
  /**
   * Announced politely once when a cooldown starts.
   * @default (seconds) => `Too many attempts. You can log out again in ${seconds} seconds.`
   */
  cooldownStarted: (secondsLeft: number) => string;
  /**
   * Announced politely once when a cooldown ends and the customer may log out again. Never said
   * when the logout is retried automatically: that end announces the retry with `pending`.
   * @default 'You can log out again.'
   */
  cooldownEnded: string;
}

export const defaultLogoutButtonLabels: LogoutButtonLabels = {
  idle: 'Log out',
  pending: 'Logging out…',
  coolingDown: (seconds) => `Try again in ${seconds} s`,
  cooldownStarted: (seconds) => `Too many attempts. You can log out again in ${seconds} seconds.`,
  cooldownEnded: 'You can log out again.',
};

/** Some of the labels; a label given as `undefined` (a missing translation) keeps its default. */
export type LogoutButtonLabelOverrides = {
  [Label in keyof LogoutButtonLabels]?: LogoutButtonLabels[Label] | undefined;
};

/** A function that reads one label: the given one, or its default when it is `undefined`. */
export type LabelOf = <Label extends keyof LogoutButtonLabels>(
  label: Label,
) => LogoutButtonLabels[Label];

/** Reads labels from `overrides`, falling back to the default of any that is `undefined`. */
export const labelsFrom =
  (overrides: LogoutButtonLabelOverrides = {}): LabelOf =>
  (label) =>
    overrides[label] ?? defaultLogoutButtonLabels[label];
