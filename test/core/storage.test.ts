import { createSafeStorage, type SessionStorageArea } from '../../src/core/storage.js';

const NAME = 'shop-session';
const stored = { state: { accessToken: 'a', refreshToken: null, user: null }, version: 1 };

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
  sessionStorage.clear();
});

/** A storage area kept in a Map, whose methods throw while `broken` names them. */
function mapArea(broken: Array<keyof SessionStorageArea> = []) {
  const texts = new Map<string, string>();
  const refuse = (method: keyof SessionStorageArea) => {
    if (broken.includes(method)) throw new Error(`${method} refused`);
  };
  const area: SessionStorageArea = {
    getItem(name) {
      refuse('getItem');
      return texts.get(name) ?? null;
    },
    setItem(name, text) {
      refuse('setItem');
      texts.set(name, text);
    },
    removeItem(name) {
      refuse('removeItem');
      texts.delete(name);
    },
  };
  return { area, texts };
}

describe('the safe storage of a persisted session', () => {
  it('reads back what it wrote to localStorage, and reports nothing', () => {
    const onProblem = vi.fn();
    const storage = createSafeStorage<unknown>('local', onProblem);
    storage.setItem(NAME, stored);
    expect(JSON.parse(localStorage.getItem(NAME) ?? 'null')).toEqual(stored);
    expect(sessionStorage.getItem(NAME)).toBeNull();
    expect(storage.getItem(NAME)).toEqual(stored);
    expect(storage.stale).toBe(false);
    storage.removeItem(NAME);
    expect(localStorage.getItem(NAME)).toBeNull();
    expect(onProblem).not.toHaveBeenCalled();
  });

  it('keeps the session in sessionStorage when asked to', () => {
    const storage = createSafeStorage<unknown>('session', vi.fn());
    storage.setItem(NAME, stored);
    expect(JSON.parse(sessionStorage.getItem(NAME) ?? 'null')).toEqual(stored);
    expect(localStorage.getItem(NAME)).toBeNull();
    expect(storage.getItem(NAME)).toEqual(stored);
  });

  it('keeps the session in an area of its own (cookies) when given one', () => {
    const { area, texts } = mapArea();
    const onProblem = vi.fn();
    const storage = createSafeStorage<unknown>(area, onProblem);
    storage.setItem(NAME, stored);
    expect(texts.get(NAME)).toBe(JSON.stringify(stored));
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(storage.getItem(NAME)).toEqual(stored);
    storage.removeItem(NAME);
    expect(texts.size).toBe(0);
    expect(onProblem).not.toHaveBeenCalled();
  });

  it('reads nothing, and reports nothing, where nothing is stored', () => {
    const onProblem = vi.fn();
    expect(createSafeStorage<unknown>('local', onProblem).getItem(NAME)).toBeNull();
    expect(onProblem).not.toHaveBeenCalled();
  });

  it.each([
    ['text that is not JSON', '{"state": {"accessToken": "cut-of'],
    ['JSON without a state', '{"version":1,"accessToken":"a"}'],
    ['JSON that is not an object', '42'],
    ['JSON null', 'null'],
  ])('reads %s as nothing stored, and says it is not a session', (_, text) => {
    localStorage.setItem(NAME, text);
    const onProblem = vi.fn();
    expect(createSafeStorage<unknown>('local', onProblem).getItem(NAME)).toBeNull();
    expect(onProblem).toHaveBeenCalledExactlyOnceWith(`"${NAME}" is not a session`, undefined);
  });

  it('says which step failed and why, for a read, a write and a removal', () => {
    const onProblem = vi.fn();
    const { area } = mapArea(['getItem', 'setItem', 'removeItem']);
    const storage = createSafeStorage<unknown>(area, onProblem);
    expect(storage.getItem(NAME)).toBeNull();
    storage.setItem(NAME, stored);
    storage.removeItem(NAME);
    expect(onProblem.mock.calls).toEqual([
      [`could not read "${NAME}"`, new Error('getItem refused')],
      [`could not write "${NAME}"`, new Error('setItem refused')],
      // The write failed: the older value must not stay behind.
      [`could not remove "${NAME}"`, new Error('removeItem refused')],
      [`could not remove "${NAME}"`, new Error('removeItem refused')],
    ]);
  });

  it('is not stale before anything was written', () => {
    const { area } = mapArea(['setItem', 'removeItem']);
    expect(createSafeStorage<unknown>(area, () => {}).stale).toBe(false);
    expect(createSafeStorage<unknown>('local', () => {}).stale).toBe(false);
  });

  it('removes the older session when a write fails, and is not stale once that worked', () => {
    const { area, texts } = mapArea();
    const storage = createSafeStorage<unknown>(area, () => {});
    storage.setItem(NAME, stored);
    area.setItem = () => {
      throw new Error('quota');
    };
    storage.setItem(NAME, { ...stored, state: { ...stored.state, accessToken: 'b' } });
    expect(texts.has(NAME)).toBe(false);
    expect(storage.stale).toBe(false);
  });

  it('is stale after a write that could neither store nor remove, until a write works again', () => {
    const { area, texts } = mapArea();
    const storage = createSafeStorage<unknown>(area, () => {});
    storage.setItem(NAME, stored);
    const { setItem, removeItem } = area;
    area.setItem = () => {
      throw new Error('quota');
    };
    area.removeItem = () => {
      throw new Error('blocked');
    };
    storage.setItem(NAME, { ...stored, version: 2 });
    expect(storage.stale).toBe(true);
    expect(texts.get(NAME)).toBe(JSON.stringify(stored));
    area.setItem = setItem;
    area.removeItem = removeItem;
    storage.setItem(NAME, { ...stored, version: 3 });
    expect(storage.stale).toBe(false);
    expect(JSON.parse(texts.get(NAME) ?? 'null')).toMatchObject({ version: 3 });
  });
});
