// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createRequestLog, type MockRequestRecord } from '../../src/testing/index.js';

const entry = (fields: Partial<MockRequestRecord>): MockRequestRecord => ({
  id: 1,
  backend: 'wemasy',
  endpoint: 'logout',
  method: 'POST',
  url: 'https://api.wemasy.nl/api/x',
  path: '/api/x',
  status: 200,
  requestHeaders: {},
  responseHeaders: {},
  scenario: 'ok',
  time: 0,
  ...fields,
});

describe('createRequestLog', () => {
  it('counts records by any of their fields', () => {
    const log = createRequestLog();
    log.record(entry({ status: 429 }));
    log.record(entry({ status: 200 }));
    log.record(entry({ endpoint: 'demo-sign-in' }));
    expect(log.count()).toBe(3);
    expect(log.count({ endpoint: 'logout' })).toBe(2);
    expect(log.count({ endpoint: 'logout', status: 429 })).toBe(1);
  });

  it('notifies subscribers and hands out a new snapshot after each change', () => {
    const log = createRequestLog();
    const listener = vi.fn();
    const unsubscribe = log.subscribe(listener);
    const before = log.entries();
    log.record(entry({}));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(log.entries()).not.toBe(before);
    expect(log.entries()).toBe(log.entries());
    log.clear();
    expect(log.entries()).toEqual([]);
    unsubscribe();
    log.record(entry({}));
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
