import { MAX_FLAG_TOKENS } from './admission-patterns.ts';
import { NODE_LABELS, VIRTUAL_NODE_TAINT } from '../model/keys.ts';

// CEL building blocks shared by the admission policy's parts (admission-policy.ts): literals,
// the policy's variables, and where a Job or a Pod keeps its pod spec and annotations.

export type PolicyKind = 'Job' | 'Pod';

/** A CEL string literal. */
export const str = (s: string) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
/** A CEL raw string literal for a regular expression. */
export function re(s: string): string {
  if (!s.includes("'")) return `r'${s}'`;
  if (!s.includes('"')) return `r"${s}"`;
  if (s.includes("'''")) throw new Error(`cannot quote ${s}`);
  return `r'''${s}'''`;
}
export const list = (items: readonly string[]) => `[${items.map(str).join(', ')}]`;
export const map = (entries: ReadonlyArray<readonly [string, string]>) => `{${entries.map(([k, v]) => `${str(k)}: ${str(v)}`).join(', ')}}`;
export const positions = `[${Array.from({ length: MAX_FLAG_TOKENS }, (_, i) => i).join(', ')}]`;

export interface Variable {
  name: string;
  expression: string;
}
export interface Validation {
  expression: string;
  message?: string;
  messageExpression?: string;
  reason: 'Invalid' | 'Forbidden';
}

export const v = (name: string) => `variables.${name}`;
const words = (key: string) => `${v('settings')}[?${str(key)}].orValue('').split(' ').filter(w, w != '')`;
export const stripSlash = (p: string) => `(${p}.size() > 1 && ${p}.endsWith('/') ? ${p}.substring(0, ${p}.size() - 1) : ${p})`;
/** `p` is the directory `r` or lies under it (both without a trailing slash). */
export const under = (p: string, r: string) => `(${p} == ${r} || ${p}.startsWith(${r} == '/' ? '/' : ${r} + '/'))`;

export function where(kind: PolicyKind) {
  const job = kind === 'Job';
  return {
    spec: job ? 'object.spec.template.spec' : 'object.spec',
    oldSpec: job ? 'oldObject.spec.template.spec' : 'oldObject.spec',
    annotations: job ? 'object.spec.template.metadata.?annotations.orValue({})' : 'object.metadata.?annotations.orValue({})',
    oldAnnotations: job ? 'oldObject.spec.template.metadata.?annotations.orValue({})' : 'oldObject.metadata.?annotations.orValue({})',
    what: job ? "the Job's pod template" : 'the pod',
  };
}

export function commonVariables(kind: PolicyKind): Variable[] {
  const w = where(kind);
  const s = v('spec');
  const vn = v('virtualNodes');
  const hostname = `${s}.?nodeSelector[?${str(NODE_LABELS.hostname)}]`;
  const tolerations = `${s}.?tolerations.orValue([])`;
  const required = `${s}.?affinity.?nodeAffinity.?requiredDuringSchedulingIgnoredDuringExecution.?nodeSelectorTerms.orValue([])`;
  // A DaemonSet's pod tolerates every taint but is pinned to one node by metadata.name.
  const pinnedAway =
    `(${hostname}.hasValue() || (${required}.size() > 0 && ${required}.all(term, ` +
    `term.?matchFields.orValue([]).exists(f, f.key == 'metadata.name' && f.operator == 'In' && ` +
    `f.?values.orValue([]).all(n, !(n in ${vn}))))))`;
  return [
    { name: 'settings', expression: 'params.?data.orValue({})' },
    { name: 'virtualNodes', expression: words('virtualNodes') },
    { name: 'allowedRoots', expression: `${words('allowedBindRoots')}.map(r, ${stripSlash('r')})` },
    { name: 'refusedRoots', expression: `${words('refusedBindRoots')}.map(r, ${stripSlash('r')})` },
    { name: 'flavorPins', expression: words('namespaceFlavors') },
    {
      name: 'exempt',
      expression:
        `request.userInfo.username in ${words('exemptUsers')} || ` +
        `request.userInfo.?groups.orValue([]).exists(g, g in ${words('exemptGroups')})`,
    },
    { name: 'create', expression: "request.operation == 'CREATE'" },
    { name: 'spec', expression: w.spec },
    { name: 'annotations', expression: w.annotations },
    {
      // Offloaded: bound to a virtual node, selecting one by host name, tolerating its taint by
      // name, or tolerating every taint without being pinned to an ordinary node.
      name: 'offloaded',
      expression: [
        `${s}.?nodeName.orValue('') != '' ? ${s}.nodeName in ${vn} : (`,
        `  ${hostname}.orValue('') in ${vn}`,
        `  || ${tolerations}.exists(t, t.?key.orValue('') == ${str(VIRTUAL_NODE_TAINT.key)})`,
        `  || (${tolerations}.exists(t, t.?key.orValue('') == '' && t.?operator.orValue('') == ` +
          `'Exists' && t.?effect.orValue('') in ['', ${str(VIRTUAL_NODE_TAINT.effect)}])`,
        `      && !${pinnedAway}))`,
      ].join('\n'),
    },
    { name: 'applies', expression: `${v('offloaded')} && !${v('exempt')}` },
    { name: 'specChanged', expression: `${v('applies')} && (${v('create')} || ${w.spec} != ${w.oldSpec})` },
  ];
}

/** `key` is set and new or changed in this request. */
export function changed(kind: PolicyKind, key: string): string {
  const w = where(kind);
  return (
    `${v('applies')} && ${key} in ${v('annotations')} && (${v('create')} ` +
    `|| ${w.oldAnnotations}[?${key}] != ${v('annotations')}[?${key}])`
  );
}
