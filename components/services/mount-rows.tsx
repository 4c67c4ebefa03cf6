'use client';

import type { BindMount } from '@/lib/interlink/slurm/bind-mounts';

import { ErrorText, buttonClass, controlProps, inputClass } from './field';
import type { Path } from './use-composer';

// Singularity bind mounts as rows: a path of the HPC host, where it appears in the
// container, read-only or not. Rendered as `--bind host:container[:ro]` by the core.

interface Props {
  mounts: readonly BindMount[];
  onChange: (mounts: BindMount[]) => void;
  errorsAt: (path: Path) => string[];
}

export function MountRows({ mounts, onChange, errorsAt }: Props) {
  const update = (index: number, patch: Partial<BindMount>) => onChange(mounts.map((m, i) => (i === index ? { ...m, ...patch } : m)));
  return (
    <div className="space-y-2" data-testid="rows-mounts">
      {mounts.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">No bind mounts.</p>}
      {mounts.map((m, i) => {
        const host = errorsAt(['mounts', i, 'hostPath']);
        const target = errorsAt(['mounts', i, 'containerPath']);
        return (
          <div key={i} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto_auto] items-center gap-2">
            <input
              className={`${inputClass} font-mono`}
              aria-label={`Mount ${i + 1} host path`}
              placeholder="/hpc/data"
              value={m.hostPath}
              onChange={(e) => update(i, { hostPath: e.target.value })}
              {...controlProps(`mount-${i}-host`, false, host)}
            />
            <input
              className={`${inputClass} font-mono`}
              aria-label={`Mount ${i + 1} container path`}
              placeholder="/data"
              value={m.containerPath}
              onChange={(e) => update(i, { containerPath: e.target.value })}
              {...controlProps(`mount-${i}-target`, false, target)}
            />
            <label className="flex items-center gap-1 text-sm whitespace-nowrap">
              <input type="checkbox" checked={m.readOnly} onChange={(e) => update(i, { readOnly: e.target.checked })} />
              read-only
            </label>
            <button
              type="button"
              className={buttonClass}
              aria-label={`Remove mount ${i + 1}`}
              onClick={() => onChange(mounts.filter((_, j) => j !== i))}
            >
              Remove
            </button>
            <div className="col-span-4 -mt-1 empty:hidden">
              <ErrorText id={`mount-${i}-host`} errors={host} />
              <ErrorText id={`mount-${i}-target`} errors={target} />
            </div>
          </div>
        );
      })}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={buttonClass}
          onClick={() => onChange([...mounts, { hostPath: '', containerPath: '', readOnly: false }])}
        >
          Add mount
        </button>
        <ErrorText id="mounts" errors={errorsAt(['mounts'])} />
      </div>
    </div>
  );
}
