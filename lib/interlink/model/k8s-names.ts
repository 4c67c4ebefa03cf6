// Kubernetes' own naming rules (apimachinery validation), checked before the API server
// would refuse the object, so the form can say which field is wrong and why.

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** DNS-1123 label: what OSCAR service names, namespaces and pod labels must be. */
export function dnsLabelError(value: string, max = 63): string | null {
  if (value === '') return 'is required';
  if (value.length > max) return `must be at most ${max} characters (it has ${value.length})`;
  if (!LABEL.test(value)) {
    return `'${value}' must be lower-case letters, digits and '-', starting and ending with a letter or digit`;
  }
  return null;
}

/** DNS-1123 subdomain: node names. */
export function dnsSubdomainError(value: string): string | null {
  if (value.length > 253) return 'must be at most 253 characters';
  const bad = value.split('.').find((part) => dnsLabelError(part) !== null);
  return bad === undefined ? null : `'${value}' is not a DNS name: lower-case letters, digits, '-' and '.'`;
}

/** Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63 characters. */
export function qualifiedKeyError(key: string): string | null {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? null : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== null && (prefix === '' || dnsSubdomainError(prefix) !== null)) {
    return `key '${key}': the part before '/' must be a DNS name (lower-case letters, digits, '-', '.')`;
  }
  if (name === '' || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return `key '${key}': the name must be 1–63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  }
  return null;
}

export function labelValueError(value: string): string | null {
  if (value.length > 63) return `must be at most 63 characters (it has ${value.length})`;
  return LABEL_VALUE.test(value) ? null : `'${value}' must be letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
}

/**
 * A user id made fit for a label value, as OSCAR does for `oscar.grycap/job-owner`: characters
 * a label cannot hold become '-', the result is cut to 63 characters and trimmed to start and
 * end with a letter or digit.
 */
export function ownerLabelValue(owner: string): string {
  return owner
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
}

/**
 * The namespace a Kubernetes user works in by convention (OSCAR's and the lab's): a service
 * account's own namespace, else the namespace named after the user. It may not exist.
 */
export function namespaceOfUser(username: string): string {
  return /^system:serviceaccount:([^:]+):/.exec(username)?.[1] ?? username;
}
