// Auth0's React SDK: the provider and the hook whose `logout` signs the user out.
export { Auth0Provider, useAuth0 } from '@auth0/auth0-react';
