'use client';

import { useNodeChoices } from '@/lib/client/use-node-choices';
import { count } from '@/lib/format/plural';

import { Field, inputClass } from './field';

// Where the service runs: one of the virtual nodes found in the cluster, with its
// readiness, or an ordinary node. A target the cluster does not have (an imported FDL
// naming another site's node) stays selectable and says so.

export function TargetSelect({ value, onChange, errors }: { value: string; onChange: (target: string) => void; errors: string[] }) {
  const { data, error } = useNodeChoices();
  const virtual = (data?.items ?? []).filter((n) => n.kind === 'interlink').sort((a, b) => a.name.localeCompare(b.name));
  const known = value === '' || virtual.some((n) => n.name === value);
  const hint =
    data === undefined
      ? error === null
        ? 'Loading the virtual nodes…'
        : `The virtual nodes could not be loaded: ${error.message}`
      : `${count(virtual.length, 'virtual node')} in the cluster.`;
  return (
    <Field id="target" label="Target" hint={hint} errors={errors}>
      {(p) => (
        <select {...p} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Normal cluster node (no offloading)</option>
          {virtual.map((n) => (
            <option key={n.name} value={n.name}>
              {n.name} (virtual node, {n.healthy ? 'ready' : `not ready${n.why === null ? '' : `: ${n.why}`}`})
            </option>
          ))}
          {!known && <option value={value}>{value} (not found in this cluster)</option>}
        </select>
      )}
    </Field>
  );
}
