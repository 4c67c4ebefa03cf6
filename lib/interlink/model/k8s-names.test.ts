import { describe, expect, it } from 'vitest';

import { dnsLabelError, dnsSubdomainError, labelValueError, namespaceOfUser, ownerLabelValue, qualifiedKeyError } from './k8s-names';

describe('Kubernetes names', () => {
  it('checks DNS-1123 labels with a maximum', () => {
    expect(dnsLabelError('thermal-detector-interlink', 39)).toBeNull();
    expect(dnsLabelError('', 39)).toBe('is required');
    expect(dnsLabelError('a'.repeat(40), 39)).toBe('must be at most 39 characters (it has 40)');
    expect(dnsLabelError('My_Service', 39)).toMatch(/lower-case letters, digits and '-', starting and ending with a letter or digit/);
    expect(dnsLabelError('-a')).not.toBeNull();
  });

  it('checks node names as DNS subdomains', () => {
    expect(dnsSubdomainError('vega-new-vk')).toBeNull();
    expect(dnsSubdomainError('node.example.org')).toBeNull();
    expect(dnsSubdomainError('Vega VK')).toMatch(/is not a DNS name/);
  });

  it('checks label and annotation keys', () => {
    expect(qualifiedKeyError('slurm-job.vk.io/flags')).toBeNull();
    expect(qualifiedKeyError('JobID')).toBeNull();
    expect(qualifiedKeyError('a/b/c')).toMatch(/the part before '\/' must be a DNS name/);
    expect(qualifiedKeyError('x/')).toMatch(/the name must be 1–63/);
    expect(qualifiedKeyError('has space')).toMatch(/the name must be/);
  });

  it('checks label values', () => {
    expect(labelValueError('')).toBeNull();
    expect(labelValueError('a.b_c-d')).toBeNull();
    expect(labelValueError('alice@egi.eu')).toMatch(/letters, digits/);
    expect(labelValueError('x'.repeat(64))).toMatch(/at most 63/);
  });

  it('makes any user id a label value, as OSCAR cuts it to 63 characters', () => {
    expect(ownerLabelValue('alice')).toBe('alice');
    expect(ownerLabelValue('0a1b@egi.eu')).toBe('0a1b-egi.eu');
    expect(ownerLabelValue(`${'x'.repeat(70)}`)).toHaveLength(63);
    expect(ownerLabelValue('--@@')).toBe('');
    for (const id of ['a@b', '_x_', 'https://aai.egi.eu/x#y', 'ü']) expect(labelValueError(ownerLabelValue(id))).toBeNull();
  });

  it("takes a user's namespace from a service account's name, else the user name", () => {
    expect(namespaceOfUser('alice')).toBe('alice');
    expect(namespaceOfUser('system:serviceaccount:team-a:runner')).toBe('team-a');
    expect(namespaceOfUser('alice@example.org')).toBe('alice@example.org');
  });
});
