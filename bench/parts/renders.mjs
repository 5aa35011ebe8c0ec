// Part 3: renders during a 60 s cooldown, counted with React's <Profiler> in jsdom on vitest's fake
// clock. The measuring runs in bench/measure/renders.measure.tsx.
import { runMeasure } from './vitest.mjs';

export async function measureRenders() {
  const result = runMeasure('renders.measure.tsx', 'renders.json');
  if (result.error) return result;
  return {
    ...result,
    notes: [
      "A Wemasy logout answered by the kit's msw handlers with 429 and `Retry-After: 60` starts the",
      'cooldown. Under one `AuthKitProvider` sit a `LogoutButton` and a sibling that reads the',
      "customer's name with `useSession`, each in its own React `<Profiler>`; the counts are the",
      `Profiler commits over ${(result.windowMs / 1000).toFixed(2)} s of vitest's fake clock`,
      `(jsdom, \`shouldAdvanceTime\`, moved in 50 ms steps, each in \`act()\`), from the first`,
      `"${result.firstLabel}" to "${result.lastLabel}". \`autoRetry\` is off so that the retry at`,
      'zero and its own renders stay outside the window; the last commit counted is the one that',
      'ends the cooldown.',
    ],
  };
}
