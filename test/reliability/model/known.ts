/**
 * Faults this model found that the kit still has. Each one is left out of the checks (or of the
 * inputs) so that the model keeps guarding everything else; delete an entry once the kit is fixed
 * and the model checks it again. `MODEL_STRICT=1` checks them all.
 */
const known = {
  /** A message on a store's BroadcastChannel that is not a session empties a session of epoch 0. */
  channelJunk: true,
  /**
   * Junk written under a localStorage key is not replaced with the session (as a removed key is)
   * when the store's epoch is 0, so the other tabs cannot learn the session from the key.
   */
  storageJunk: true,
  /**
   * A tab whose cooldown ends without a store change (it leaves the retry to the tab that holds
   * the Web Lock) keeps its retryAt: a component that reads `status` but not `secondsLeft` goes on
   * showing `rate-limited` until tab sync arrives.
   */
  staleStatusAfterCooldown: true,
  /**
   * Tabs that sync over a BroadcastChannel can disagree after two writes of the same epoch (a late
   * message of that epoch overwrites a newer one): the protocol has no order within an epoch.
   */
  sameEpochOrder: true,
  /**
   * `secondsLeft` read outside render from a component that never read it in render is the value
   * of that component's last render, however long ago.
   */
  secondsLeftOutsideRender: true,
  /**
   * A storage event whose new value is of a newer epoch makes a localStorage store read what the
   * key holds now, which may be an older session a late tab wrote since: the epoch goes back.
   */
  staleKeyRehydrate: true,
  /**
   * A localStorage store does not read its key when sync starts again (a provider mounts after
   * none was mounted), so it misses a logout another tab stored meanwhile.
   */
  lateLocalTab: true,
  /**
   * React 18: an automatic retry that ends before React renders the end of the cooldown (a token
   * that cannot be sent ends it as no-session at once) announces "You can log out again.".
   */
  instantRetryAnnounced: true,
};
export const openFault = (fault: keyof typeof known): boolean =>
  known[fault] && process.env.MODEL_STRICT !== '1';
