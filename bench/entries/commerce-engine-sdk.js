// The vendor SDK as its README sets it up for a browser storefront: a session SDK with managed tokens.
// A logout is `storefront.session().auth.logout()`.
export { BrowserTokenStorage, createStorefront } from '@commercengine/storefront-sdk';
