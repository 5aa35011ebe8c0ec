/** What a browser does when the network goes: navigator.onLine reads false and the window hears `offline`. */
export function goOffline() {
  Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
  window.dispatchEvent(new Event('offline'));
}

/** And when it comes back: navigator.onLine reads true again and the window hears `online`. */
export function goOnline() {
  Reflect.deleteProperty(navigator, 'onLine');
  window.dispatchEvent(new Event('online'));
}
