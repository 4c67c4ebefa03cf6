import { describe, expect, it } from 'vitest';

import type { Service } from '@/lib/interlink/services/service';

import { withOscarResources } from './resources';

const FLAGS = 'slurm-job.vk.io/flags';
const service = (flags: string | undefined, node = 'vega-vk'): Service => ({
  name: 'thermal',
  namespace: 'alice',
  image: 'docker://x',
  script: 'true\n',
  interlink_node_name: node,
  ...(flags !== undefined && { annotations: { [FLAGS]: flags } }),
});
const flagsOf = (s: Service) => s.annotations?.[FLAGS];

describe('withOscarResources', () => {
  it("writes a stated cpu and memory into the flags as the plugin reads OSCAR's limits", () => {
    // OSCAR's thermal-detector-interlink example: memory 4Gi, cpu "3.0", flags without either.
    const s = withOscarResources(service('--job-name=thermal-detector --time=02:30:00 --nodes=1'), { cpu: '3.0', memory: '4Gi' });
    expect(flagsOf(s)).toBe('--job-name=thermal-detector --time=02:30:00 --nodes=1 --cpus-per-task=3 --mem=4096M');
    expect(flagsOf(withOscarResources(service(undefined), { cpu: '0.2', memory: '256Mi' }))).toBe('--cpus-per-task=1 --mem=256M');
    expect(flagsOf(withOscarResources(service(''), { cpu: '500m', memory: '1G' }))).toBe('--cpus-per-task=1 --mem=953M');
  });

  it('keeps what the flags say, and adds nothing unstated', () => {
    expect(flagsOf(withOscarResources(service('--cpus-per-task=8 --mem=8G'), { cpu: '2', memory: '4Gi' }))).toBe(
      '--cpus-per-task=8 --mem=8G',
    );
    expect(flagsOf(withOscarResources(service('-c 8'), { cpu: '2', memory: '' }))).toBe('-c 8');
    expect(flagsOf(withOscarResources(service('--time=1'), { cpu: '', memory: '' }))).toBe('--time=1');
    expect(flagsOf(withOscarResources(service('--time=1'), { cpu: '0', memory: '100Ki' }))).toBe('--time=1');
  });

  it('leaves ordinary nodes (which get real limits) and flags Offload refuses alone', () => {
    expect(withOscarResources(service(undefined, ''), { cpu: '2', memory: '4Gi' }).annotations).toBeUndefined();
    expect(flagsOf(withOscarResources(service('--output=/x'), { cpu: '2', memory: '4Gi' }))).toBe('--output=/x');
  });
});
