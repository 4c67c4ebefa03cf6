import { describe, expect, it } from 'vitest';

import { Registry } from './registry';

describe('Registry', () => {
  it('renders counters and gauges with escaped labels', () => {
    const r = new Registry();
    const c = r.counter('x_total', 'Things.');
    c.inc({ route: '/a', status: '200' });
    c.inc({ status: '200', route: '/a' }, 2);
    r.gauge('g', 'A gauge.').set({ q: 'say "hi"\n' }, 5);
    expect(r.render()).toBe(
      [
        '# HELP x_total Things.',
        '# TYPE x_total counter',
        'x_total{route="/a",status="200"} 3',
        '# HELP g A gauge.',
        '# TYPE g gauge',
        'g{q="say \\"hi\\"\\n"} 5',
        '',
      ].join('\n'),
    );
  });

  it('renders cumulative histogram buckets, sum and count', () => {
    const r = new Registry();
    const h = r.histogram('d_seconds', 'Durations.', [0.1, 1]);
    h.observe({ route: '/a' }, 0.05);
    h.observe({ route: '/a' }, 0.5);
    h.observe({ route: '/a' }, 3);
    const text = r.render();
    expect(text).toContain('d_seconds_bucket{route="/a",le="0.1"} 1');
    expect(text).toContain('d_seconds_bucket{route="/a",le="1"} 2');
    expect(text).toContain('d_seconds_bucket{route="/a",le="+Inf"} 3');
    expect(text).toContain('d_seconds_sum{route="/a"} 3.55');
    expect(text).toContain('d_seconds_count{route="/a"} 3');
  });

  it('adds samples from collectors at render time', () => {
    const r = new Registry();
    let n = 1;
    r.collect(() => [{ name: 'w_total', help: 'W.', type: 'counter', samples: [{ labels: { kind: 'pods' }, value: n }] }]);
    n = 4;
    expect(r.render()).toContain('w_total{kind="pods"} 4');
  });
});
