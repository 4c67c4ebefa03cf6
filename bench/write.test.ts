import { describe, expect, it } from 'vitest';

import { figure } from './results.ts';
import { generatedSection, withSection } from './write.ts';

const results = {
  generatedAt: '2026-01-01T00:00:00.000Z',
  machine: '2 × CPU',
  command: 'npm run bench',
  notes: ['fabricated'],
  figures: [figure({ name: 'a', value: 1, unit: 'ms' })],
};

describe('docs/benchmarks.md', () => {
  it('replaces only the generated section and keeps the prose around it', () => {
    const section = generatedSection(results);
    const doc = withSection('# Benchmarks\n\nintro\n', section);
    expect(doc).toContain('intro');
    expect(doc).toContain('| a | 1 ms |');
    const again = withSection(`${doc}\nafter\n`, generatedSection({ ...results, figures: [figure({ name: 'b', value: 2, unit: 'ms' })] }));
    expect(again).toContain('intro');
    expect(again).toContain('after');
    expect(again).toContain('| b | 2 ms |');
    expect(again).not.toContain('| a | 1 ms |');
  });
});
