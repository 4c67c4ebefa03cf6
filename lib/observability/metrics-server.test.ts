import { describe, expect, it } from 'vitest';

import { DEFAULT_METRICS_PORT, metricsPort } from './metrics-server';

describe('metricsPort', () => {
  it('is 9464 unless set, off at 0, and refuses what is no port', () => {
    expect(metricsPort({})).toBe(DEFAULT_METRICS_PORT);
    expect(metricsPort({ OFFLOAD_METRICS_PORT: '9100' })).toBe(9100);
    expect(metricsPort({ OFFLOAD_METRICS_PORT: '0' })).toBeNull();
    expect(() => metricsPort({ OFFLOAD_METRICS_PORT: 'x' })).toThrow(/OFFLOAD_METRICS_PORT must be a port number/);
    expect(() => metricsPort({ OFFLOAD_METRICS_PORT: '70000' })).toThrow(/port number/);
  });
});
