// This kit as a storefront that brings its own button: provider, store, useLogout and one backend.
export { AuthKitProvider, commerceEngine, createSessionStore, useLogout } from '../../src/index.ts';
