import { setupServer } from 'msw/node';
import { logoutSession } from '../../src/core/logout.js';
import { createSessionStore } from '../../src/core/sessionStore.js';
import { bearerToken, wemasyHandlers } from '../../src/testing/index.js';
import { testPolicy, wemasyCase } from './helpers/backends.js';

const server = setupServer();
const sent: Array<string | null> = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  sent.length = 0;
  server.use(...wemasyHandlers({ acceptToken: () => true }));
  server.events.on('request:start', ({ request }) => void sent.push(bearerToken(request)));
});
afterEach(() => {
  server.resetHandlers();
  server.events.removeAllListeners();
});
afterAll(() => server.close());

async function logOutWith(accessToken: string) {
  const store = createSessionStore();
  store.setState({ accessToken, user: { id: 'c1' } });
  const result = await logoutSession(store, wemasyCase.backend(), testPolicy());
  expect(store.getState().accessToken).toBeNull();
  return result.outcome;
}

describe('which stored tokens a logout sends', () => {
  it.each([
    ['a Sanctum token', '12|abcDEF~!'],
    ['a one-character token', 'x'],
    ['a token with a line break after it', '12|abc\n'],
    ['a token with a carriage return and line break after it', '12|abc\r\n'],
    ['a token with tabs around it', '\t12|abc\t'],
    ['a token with spaces around it', '  12|abc  '],
  ])('sends %s as the token the server issued', async (_, token) => {
    expect(await logOutWith(token)).toBe('signed-out');
    expect(sent).toEqual([token.trim()]);
  });

  it.each([
    ['a space inside', '12|abc def'],
    ['a line break inside', '12|abc\ndef'],
    ['a Latin-1 letter first', 'é12|abc'],
    ['a Latin-1 letter last', '12|abcé'],
    ['a Latin-1 letter inside', '12|abécd'],
    ['a control character first', '\u000112|abc'],
    ['only white space', ' \n\t'],
  ])('sends nothing for a token with %s, which no server issued', async (_, token) => {
    expect(await logOutWith(token)).toBe('no-session');
    expect(sent).toEqual([]);
  });
});
