import { mockScenarios } from '../src/testing/index.js';
import { configSearch, type DemoConfig, scenarioLabels } from './config.js';

/** What to try: every scenario of the chosen backend is one link. */
export function TryIt({ config }: { config: DemoConfig }) {
  return (
    <section className="card" aria-labelledby="try-title">
      <h2 id="try-title">Try every answer the server can give</h2>
      <p className="muted">
        Press <strong>Log out</strong> in the header. The backend answers through a mock in a
        service worker, exactly like the real API would. Pick a case:
      </p>
      <ul className="scenarios">
        {mockScenarios.map((scenario) => (
          <li key={scenario}>
            <a
              href={configSearch({ ...config, scenario })}
              aria-current={scenario === config.scenario ? 'page' : undefined}
            >
              {scenarioLabels[scenario]}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
