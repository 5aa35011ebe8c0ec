/** The kit's development warning for a 429 whose Retry-After the page cannot read. */
export const UNREADABLE_RETRY_AFTER =
  /^\[storefront-auth-kit\] A 429 came without a readable Retry-After.*Access-Control-Expose-Headers/;

/** Silences console.warn for a test that expects the kit's development warning, and returns the spy. */
export function expectDevWarnings() {
  return vi.spyOn(console, 'warn').mockImplementation(() => {});
}
