// OIDC in React: the provider and hook (signoutRedirect / removeUser), plus oidc-client-ts's storage.

export { WebStorageStateStore } from 'oidc-client-ts';
export { AuthProvider, useAuth } from 'react-oidc-context';
