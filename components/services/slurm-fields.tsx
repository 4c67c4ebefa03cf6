'use client';

import type { ExtraFlag, SlurmFlags } from '@/lib/interlink/slurm/slurm-flags';

import { ErrorText, Field, buttonClass, inputClass } from './field';
import type { Path } from './use-composer';

// The Slurm request as typed fields (each becomes one `--name=value` token of the
// `slurm-job.vk.io/flags` annotation) plus validated extra flags for everything else.

type TextKey = 'jobName' | 'time' | 'mem' | 'partition' | 'gres';
type IntKey = 'cpusPerTask' | 'nodes' | 'ntasksPerNode';

const TEXT: ReadonlyArray<readonly [TextKey, string, string, string]> = [
  ['jobName', 'Job name', '--job-name', 'hello-hpc'],
  ['time', 'Time limit', '--time', '02:30:00'],
  ['mem', 'Memory per node', '--mem', '4G'],
  ['partition', 'Partition', '--partition', 'gpu'],
  ['gres', 'GPUs (gres)', '--gres', 'gpu:1'],
];
const INT: ReadonlyArray<readonly [IntKey, string, string]> = [
  ['cpusPerTask', 'CPUs per task', '--cpus-per-task'],
  ['nodes', 'Nodes', '--nodes'],
  ['ntasksPerNode', 'Tasks per node', '--ntasks-per-node'],
];

interface Props {
  flags: SlurmFlags;
  onChange: (flags: SlurmFlags) => void;
  errorsAt: (path: Path) => string[];
}

export function SlurmFields({ flags, onChange, errorsAt }: Props) {
  const setText = (key: TextKey, value: string) => onChange({ ...flags, [key]: value === '' ? undefined : value });
  const setInt = (key: IntKey, value: string) => onChange({ ...flags, [key]: value === '' ? undefined : Number(value) });
  const setExtra = (extra: ExtraFlag[]) => onChange({ ...flags, extra });
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {TEXT.map(([key, label, flag, example]) => (
          <Field key={key} id={`slurm-${key}`} label={label} hint={<code>{flag}</code>} errors={errorsAt(['slurm', key])}>
            {(p) => (
              <input
                {...p}
                className={`${inputClass} font-mono`}
                placeholder={example}
                value={flags[key] ?? ''}
                onChange={(e) => setText(key, e.target.value)}
              />
            )}
          </Field>
        ))}
        {INT.map(([key, label, flag]) => (
          <Field key={key} id={`slurm-${key}`} label={label} hint={<code>{flag}</code>} errors={errorsAt(['slurm', key])}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                step={1}
                className={inputClass}
                value={flags[key] ?? ''}
                onChange={(e) => setInt(key, e.target.value)}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-medium">Extra flags</h3>
        {flags.extra.map((f, i) => {
          const errors = errorsAt(['slurm', 'extra', f.name]);
          return (
            <div key={i} className="grid grid-cols-[auto_minmax(0,1fr)_auto_minmax(0,1fr)_auto] items-center gap-2">
              <span aria-hidden="true" className="font-mono text-sm">
                --
              </span>
              <input
                className={`${inputClass} font-mono`}
                aria-label={`Extra flag ${i + 1} name`}
                placeholder="account"
                value={f.name}
                aria-invalid={errors.length > 0 || undefined}
                aria-describedby={errors.length > 0 ? `extra-${i}-error` : undefined}
                onChange={(e) => setExtra(flags.extra.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
              />
              <span aria-hidden="true" className="font-mono text-sm">
                =
              </span>
              <input
                className={`${inputClass} font-mono`}
                aria-label={`Extra flag ${i + 1} value (empty for none)`}
                value={f.value ?? ''}
                onChange={(e) =>
                  setExtra(flags.extra.map((x, j) => (j === i ? { ...x, value: e.target.value === '' ? null : e.target.value } : x)))
                }
              />
              <button
                type="button"
                className={buttonClass}
                aria-label={`Remove extra flag ${i + 1}`}
                onClick={() => setExtra(flags.extra.filter((_, j) => j !== i))}
              >
                Remove
              </button>
              <div className="col-span-5 -mt-1 empty:hidden">
                <ErrorText id={`extra-${i}`} errors={errors} />
              </div>
            </div>
          );
        })}
        <button type="button" className={buttonClass} onClick={() => setExtra([...flags.extra, { name: '', value: null }])}>
          Add flag
        </button>
        <ErrorText id="slurm" errors={errorsAt(['slurm'])} />
      </div>
    </div>
  );
}
