import { act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';

/** Roots hydrated by a test, unmounted after it whatever happened. */
const hydrated: Array<() => void> = [];

/**
 * Hydrates server HTML as a browser does, in a container of its own, collecting every mismatch
 * React reports. Call `unmountHydrated()` after each test.
 */
export function hydrate(html: string, ui: ReactNode): { problems: unknown[] } {
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const problems: unknown[] = [];
  let root: Root | undefined;
  act(() => {
    root = hydrateRoot(container, ui, { onRecoverableError: (error) => problems.push(error) });
  });
  hydrated.push(() => {
    act(() => root?.unmount());
    container.remove();
  });
  return { problems };
}

/** Unmounts every root `hydrate` made, and removes its container. */
export function unmountHydrated() {
  for (const unmount of hydrated.splice(0)) unmount();
}
