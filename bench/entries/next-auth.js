// Auth.js v4 on the client: the provider, the session hook and signOut.
export { SessionProvider, signOut, useSession } from 'next-auth/react';
