import {
  fromVersion0,
  PERSIST_VERSION,
  readStoredSession,
} from '../../src/core/persistedSession.js';
import { createSessionStore } from '../../src/core/sessionStore.js';

const NAME = 'shop-session';
const EMPTY = { accessToken: null, refreshToken: null, user: null, retryAt: null, epoch: 0 };
const customer = { accessToken: 'access', refreshToken: 'refresh', user: { id: 'c1' } };

const keep = (state: unknown, version: number = PERSIST_VERSION) =>
  localStorage.setItem(NAME, JSON.stringify({ state, version }));

function pick(state: object) {
  const { accessToken, refreshToken, user, retryAt, epoch } = state as typeof EMPTY;
  return { accessToken, refreshToken, user, retryAt, epoch };
}

afterEach(() => localStorage.clear());

describe('reading a stored session outside a store (the server)', () => {
  it.each([
    ['null', null],
    ['a number', 5],
    ['a string', 'state'],
    ['an array', [{ state: {} }]],
    ['an object without a state', { accessToken: 'access', version: PERSIST_VERSION }],
  ])('reads %s as no stored session', (_, stored) => {
    expect(readStoredSession(stored)).toBeNull();
  });

  it('reads the state of the current version into a well-formed session', () => {
    const state = { ...customer, retryAt: null, epoch: 4 };
    expect(readStoredSession({ state, version: PERSIST_VERSION })).toEqual(state);
    expect(readStoredSession({ state: { ...state, token: 'old' }, version: 2 })).toEqual(state);
  });

  it("migrates version 0's token, and only version 0's", () => {
    const state = { token: 'old-token', user: { id: 'c1' } };
    expect(readStoredSession({ state, version: 0 })).toMatchObject({
      accessToken: 'old-token',
      user: { id: 'c1' },
    });
    expect(readStoredSession({ state, version: PERSIST_VERSION })).toMatchObject({
      accessToken: null,
      user: { id: 'c1' },
    });
  });

  it('reads a version 0 value whose state is not an object as an empty session', () => {
    for (const state of [null, 'token', 7]) {
      expect(fromVersion0(state)).toBe(state);
      expect(readStoredSession({ state, version: 0 })).toEqual(EMPTY);
    }
  });
});

describe("a persisted store's first read", () => {
  it('takes the stored session over what the page was rendered with when it is as new', () => {
    keep({ ...customer, retryAt: null, epoch: 3 });
    const onStorageError = vi.fn();
    const store = createSessionStore({
      persist: { name: NAME },
      initialSession: { user: { id: 'c1' }, epoch: 3 },
      onStorageError,
    });
    expect(pick(store.getState())).toEqual({ ...customer, retryAt: null, epoch: 3 });
    expect(onStorageError).not.toHaveBeenCalled();
  });

  it('keeps what the page was rendered with over an older stored session', () => {
    keep({ ...customer, retryAt: null, epoch: 2 });
    const store = createSessionStore({
      persist: { name: NAME },
      initialSession: { user: null, epoch: 3 },
      onStorageError: () => {},
    });
    expect(pick(store.getState())).toEqual({ ...EMPTY, epoch: 3 });
  });

  it('says a stored session it had to change is malformed, by name', () => {
    keep({ ...customer, retryAt: null, epoch: 1, extra: true });
    const onStorageError = vi.fn();
    const store = createSessionStore({ persist: { name: NAME }, onStorageError });
    expect(pick(store.getState())).toEqual({ ...customer, retryAt: null, epoch: 1 });
    expect(onStorageError.mock.calls).toEqual([[`"${NAME}" is malformed`, undefined]]);
  });

  it('migrates a version 0 session without a report, and stores it in the current shape', () => {
    keep({ token: 'old-token', user: { id: 'c1' } }, 0);
    const onStorageError = vi.fn();
    const store = createSessionStore({ persist: { name: NAME }, onStorageError });
    expect(pick(store.getState())).toEqual({
      accessToken: 'old-token',
      refreshToken: null,
      user: { id: 'c1' },
      retryAt: null,
      epoch: 0,
    });
    expect(JSON.parse(localStorage.getItem(NAME) ?? 'null')).toMatchObject({
      version: PERSIST_VERSION,
      state: { accessToken: 'old-token' },
    });
    expect(onStorageError).not.toHaveBeenCalled();
  });

  it('says a session from a newer kit is one, by name and version', () => {
    keep({ ...customer, retryAt: null, epoch: 1 }, PERSIST_VERSION + 1);
    const onStorageError = vi.fn();
    const store = createSessionStore({ persist: { name: NAME }, onStorageError });
    expect(pick(store.getState())).toEqual({ ...customer, retryAt: null, epoch: 1 });
    expect(onStorageError.mock.calls).toEqual([
      [`"${NAME}" is from a newer kit (version ${PERSIST_VERSION + 1})`, undefined],
    ]);
  });
});
