// What a browser gives several tabs of one origin, for tabs simulated in one jsdom window: each
// stand-in keeps the browser's rules (who receives what) but lets the model decide *when* it
// arrives, so a message still on its way to the other tab is a state the model can explore.

export type TabId = 'A' | 'B' | 'X';

/** The tabs' BroadcastChannels: a message reaches every other open channel of its name, when delivered. */
export class Channels {
  private readonly open = new Set<ChannelStandIn>();
  private queue: Message[] = [];
  readonly Channel: typeof BroadcastChannel;

  constructor() {
    const hub = this;
    class ChannelStandIn extends EventTarget {
      readonly name: string;
      onmessage: ((event: MessageEvent) => void) | null = null;
      onmessageerror: ((event: MessageEvent) => void) | null = null;
      private closed = false;
      constructor(name: string) {
        super();
        this.name = String(name);
        hub.open.add(this);
      }
      postMessage(data: unknown) {
        if (this.closed) throw new DOMException('The channel is closed', 'InvalidStateError');
        // As the HTML standard says: the data is cloned at once (so what cannot be cloned throws
        // in the sender), and the destinations are the channels of that name open at this moment.
        const to = [...hub.open].filter(
          (channel) => channel !== this && channel.name === this.name,
        );
        hub.queue.push({ to, data: structuredClone(data) });
      }
      close() {
        this.closed = true;
        hub.open.delete(this);
      }
      receive(data: unknown) {
        const event = new MessageEvent('message', { data: structuredClone(data) });
        this.onmessage?.(event);
        this.dispatchEvent(event);
      }
    }
    this.Channel = ChannelStandIn as unknown as typeof BroadcastChannel;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** The names of the channels open now (one per subscribed store that syncs over a channel). */
  openNames(): string[] {
    return [...this.open].map((channel) => channel.name);
  }

  /** Delivers the oldest message; returns false when none was waiting. */
  deliverOne(): boolean {
    return this.deliver(this.queue.shift());
  }

  /** Delivers the newest message first (messages of different senders keep no order). */
  deliverLast(): boolean {
    return this.deliver(this.queue.pop());
  }

  private deliver(message: Message | undefined) {
    if (!message) return false;
    // A destination closed since does not get it.
    for (const channel of message.to) {
      if (this.open.has(channel)) {
        (channel as unknown as { receive(data: unknown): void }).receive(message.data);
      }
    }
    return true;
  }

  install(): () => void {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'BroadcastChannel');
    Object.defineProperty(globalThis, 'BroadcastChannel', {
      value: this.Channel,
      configurable: true,
      writable: true,
    });
    return () => {
      if (original) Object.defineProperty(globalThis, 'BroadcastChannel', original);
      else Reflect.deleteProperty(globalThis, 'BroadcastChannel');
    };
  }
}
type ChannelStandIn = InstanceType<Channels['Channel']>;
interface Message {
  to: ChannelStandIn[];
  data: unknown;
}

/** One write to `localStorage`, waiting to reach the other tabs as a `storage` event. */
interface StorageWrite {
  key: string;
  oldValue: string | null;
  newValue: string | null;
  /** The tab that wrote it; `null` for a tab the model has no store in. */
  writer: TabId | null;
}

/**
 * `storage` events between tabs that share one `localStorage`. jsdom has one window, so each
 * `storage` listener is kept for the tab whose store added it, and an event reaches the tabs other
 * than the writer, as a browser sends it: never to the tab that wrote.
 */
export class StorageEvents {
  private readonly listeners = new Map<TabId, Set<EventListenerOrEventListenerObject>>();
  private queue: StorageWrite[] = [];
  /** The tab whose store is adding or removing a subscriber now. */
  private subscribing: TabId | null = null;

  /** `writerOf(key, value)`: the tab whose store holds what was written under `key`. */
  constructor(
    private readonly writerOf: (key: string, value: string | null) => TabId | 'several' | null,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  /** Runs `subscribe` as `tab`, so the listeners it adds are that tab's. */
  as<T>(tab: TabId, run: () => T): T {
    const previous = this.subscribing;
    this.subscribing = tab;
    try {
      return run();
    } finally {
      this.subscribing = previous;
    }
  }

  listenerCount(tab: TabId): number {
    return this.listeners.get(tab)?.size ?? 0;
  }

  /** Delivers the oldest write to every tab but its writer; false when none was waiting. */
  deliverOne(): boolean {
    const write = this.queue.shift();
    if (!write) return false;
    for (const [tab, listeners] of this.listeners) {
      if (tab === write.writer) continue;
      this.dispatch(listeners, write);
    }
    return true;
  }

  /** A write by a tab the model keeps no store in: every tab hears of it. */
  writeFromElsewhere(key: string, value: string | null) {
    const oldValue = localStorage.getItem(key);
    this.raw(() => {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    });
    for (const listeners of this.listeners.values()) {
      this.dispatch(listeners, { key, oldValue, newValue: value, writer: null });
    }
  }

  private dispatch(listeners: Set<EventListenerOrEventListenerObject>, write: StorageWrite) {
    for (const listener of [...listeners]) {
      const event = new StorageEvent('storage', {
        key: write.key,
        oldValue: write.oldValue,
        newValue: write.newValue,
        storageArea: localStorage,
        url: window.location.href,
      });
      if (typeof listener === 'function') listener.call(window, event);
      else listener.handleEvent(event);
    }
  }

  private recording = true;
  private raw(run: () => void) {
    this.recording = false;
    try {
      run();
    } finally {
      this.recording = true;
    }
  }

  install(): () => void {
    const proto = Storage.prototype;
    const { setItem, removeItem } = proto;
    const { addEventListener, removeEventListener } = window;
    const events = this;
    const record = (storage: Storage, key: string, newValue: string | null) => {
      if (!events.recording || storage !== localStorage) return;
      const oldValue = storage.getItem(key);
      const writer = events.writerOf(key, newValue);
      // Identical stores: the other tab would read what it already holds.
      if (writer === 'several') return;
      events.queue.push({ key, oldValue, newValue, writer });
    };
    proto.setItem = function (this: Storage, key: string, value: string) {
      const before = this.getItem(String(key));
      setItem.call(this, key, value);
      if (before !== String(value)) record(this, String(key), String(value));
    };
    proto.removeItem = function (this: Storage, key: string) {
      const had = this.getItem(String(key)) !== null;
      removeItem.call(this, key);
      if (had) record(this, String(key), null);
    };
    window.addEventListener = function (
      this: Window,
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ) {
      const tab = events.subscribing;
      if (type === 'storage' && tab !== null && listener) {
        const mine = events.listeners.get(tab) ?? new Set();
        mine.add(listener);
        events.listeners.set(tab, mine);
        return;
      }
      addEventListener.call(this, type, listener as EventListenerOrEventListenerObject, options);
    } as typeof window.addEventListener;
    window.removeEventListener = function (
      this: Window,
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | EventListenerOptions,
    ) {
      if (type === 'storage' && listener) {
        for (const mine of events.listeners.values()) mine.delete(listener);
      }
      removeEventListener.call(this, type, listener as EventListenerOrEventListenerObject, options);
    } as typeof window.removeEventListener;
    return () => {
      proto.setItem = setItem;
      proto.removeItem = removeItem;
      window.addEventListener = addEventListener;
      window.removeEventListener = removeEventListener;
    };
  }
}

/**
 * Web Locks with the one request the kit makes (`ifAvailable`), granted asynchronously as a
 * browser does (the lock manager answers in a later task, never inside `request`).
 */
export function installWebLocks(): { uninstall(): void; held: Set<string> } {
  const held = new Set<string>();
  const locks = {
    request(
      name: string,
      options: { ifAvailable?: boolean },
      callback: (lock: { name: string; mode: 'exclusive' } | null) => unknown,
    ): Promise<unknown> {
      return new Promise((resolve, reject) => {
        setTimeout(() => {
          if (held.has(name)) {
            if (!options.ifAvailable) {
              reject(new Error('the stand-in grants ifAvailable requests only'));
              return;
            }
            Promise.resolve()
              .then(() => callback(null))
              .then(resolve, reject);
            return;
          }
          held.add(name);
          Promise.resolve()
            .then(() => callback({ name, mode: 'exclusive' }))
            .finally(() => held.delete(name))
            .then(resolve, reject);
        }, 0);
      });
    },
    query: async () => ({ held: [...held].map((name) => ({ name })), pending: [] }),
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  return { uninstall: () => Reflect.deleteProperty(navigator, 'locks'), held };
}

/** `navigator.onLine` and the window's `online`/`offline` events, as a browser going off and on line. */
export class Network {
  online = true;

  install(): () => void {
    Object.defineProperty(navigator, 'onLine', {
      configurable: true,
      get: () => this.online,
    });
    return () => Reflect.deleteProperty(navigator, 'onLine');
  }

  set(online: boolean) {
    if (this.online === online) return;
    this.online = online;
    window.dispatchEvent(new Event(online ? 'online' : 'offline'));
  }
}
