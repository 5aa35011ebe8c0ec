'use client';
import { type FormEvent, useId } from 'react';
import type { SessionStore } from '../src/index.js';
import { mockScenarios } from '../src/testing/index.js';
import {
  backendLabels,
  configSearch,
  type DemoBackend,
  type DemoConfig,
  readConfig,
  scenarioLabels,
  sessionKey,
} from './config.js';
import { QueryCacheView, RateLimitView, RequestLogView, SessionView } from './DevViews.js';
import { SdkTools, ServerTokensView } from './SdkTools.js';
import type { DemoSdk } from './sdk.js';

interface DevPanelProps {
  config: DemoConfig;
  store: SessionStore;
  /** The vendor SDK in Commerce Engine mode, `null` for Wemasy. */
  sdk: DemoSdk | null;
  /** Whether the mocked Commerce Engine still accepts a token. */
  isLive: (token: string) => boolean;
}

/** Chooses backend, scenario and Retry-After (carried in the URL) and shows the kit at work. */
export function DevPanel({ config, store, sdk, isLive }: DevPanelProps) {
  const id = useId();
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = readConfig(
      `?${new URLSearchParams({
        backend: String(form.get('backend')),
        scenario: String(form.get('scenario')),
        retryAfter: String(form.get('retryAfter')),
      })}`,
    );
    window.location.search = configSearch(next);
  };
  const resetDemo = () => {
    for (const backend of Object.keys(backendLabels) as DemoBackend[]) {
      localStorage.removeItem(sessionKey(backend));
    }
    window.location.reload();
  };

  return (
    <aside className="dev" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Developer panel</h2>
      <form className="dev-form" onSubmit={apply}>
        <label htmlFor={`${id}-backend`}>Backend</label>
        <select id={`${id}-backend`} name="backend" defaultValue={config.backend}>
          {Object.entries(backendLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-scenario`}>Logout scenario</label>
        <select id={`${id}-scenario`} name="scenario" defaultValue={config.scenario}>
          {mockScenarios.map((scenario) => (
            <option key={scenario} value={scenario}>
              {scenarioLabels[scenario]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-retry`}>Retry-After (seconds)</label>
        <input
          id={`${id}-retry`}
          name="retryAfter"
          type="number"
          min={0}
          max={86400}
          defaultValue={config.retryAfter}
        />
        <div className="dev-actions">
          <button type="submit" className="button">
            Apply
          </button>
          <button type="button" className="button button-quiet" onClick={resetDemo}>
            Reset demo
          </button>
        </div>
      </form>
      <p className="dev-hint">
        Link to this case: <code>{configSearch(config)}</code>
      </p>
      {sdk === null ? null : <SdkTools sdk={sdk} store={store} />}
      <SessionView backend={config.backend} store={store} />
      {sdk === null ? null : <ServerTokensView isLive={isLive} />}
      <RateLimitView />
      <QueryCacheView />
      <RequestLogView />
    </aside>
  );
}
