'use client';

import { LOG_LEVELS, OFFLOADED_RESOURCES_NOTE, SERVICE_NAME_MAX, VISIBILITIES, type Visibility } from '@/lib/interlink/services/service';

import { Field, FieldGroup, inputClass } from './field';
import { MountRows } from './mount-rows';
import { RowsEditor } from './rows-editor';
import { ScriptField } from './script-field';
import { SlurmFields } from './slurm-fields';
import { TargetSelect } from './target-select';
import type { Composer } from './use-composer';
import { TONE } from '@/components/ui/tones';

// The composer's groups of fields. Each control reads and writes one key of the form and
// shows the schema's messages for its own path.

type Props = { c: Composer };

export function BasicsSection({ c, isNew }: Props & { isNew: boolean }) {
  const { form, set, errorsAt } = c;
  return (
    <FieldGroup title="Service">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id="name"
          label="Name"
          hint={`Lower-case letters, digits and '-'; at most ${SERVICE_NAME_MAX} characters.${isNew ? '' : ' Fixed once saved.'}`}
          errors={errorsAt(['name'])}
        >
          {(p) => (
            <input
              {...p}
              className={`${inputClass} font-mono`}
              value={form.name}
              readOnly={!isNew}
              onChange={(e) => set('name', e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Field
          id="namespace"
          label="Namespace"
          hint={isNew ? 'Where the service and its jobs live.' : 'Fixed once saved.'}
          errors={errorsAt(['namespace'])}
        >
          {(p) => (
            <input
              {...p}
              className={`${inputClass} font-mono`}
              value={form.namespace}
              readOnly={!isNew}
              onChange={(e) => set('namespace', e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Field
          id="image"
          label="Image"
          hint="docker://registry/image:tag, or the absolute path of a .sif on the HPC side."
          errors={errorsAt(['image'])}
        >
          {(p) => (
            <input
              {...p}
              className={`${inputClass} font-mono`}
              value={form.image}
              onChange={(e) => set('image', e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <TargetSelect value={form.target} onChange={(t) => set('target', t)} errors={errorsAt(['target'])} />
        <Field id="logLevel" label="Log level" errors={errorsAt(['logLevel'])}>
          {(p) => (
            <select {...p} className={inputClass} value={form.logLevel} onChange={(e) => set('logLevel', e.target.value)}>
              <option value="">Default (INFO)</option>
              {LOG_LEVELS.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ScriptField value={form.script} onChange={(s) => set('script', s)} errors={errorsAt(['script'])} />
    </FieldGroup>
  );
}

export function SlurmSection({ c }: Props) {
  const virtual = c.form.target !== '';
  return (
    <FieldGroup
      title="Slurm"
      description={virtual ? 'The batch job requested from the HPC cluster.' : 'Used only when the target is a virtual node.'}
    >
      <SlurmFields flags={c.form.slurm} onChange={(f) => c.set('slurm', f)} errorsAt={c.errorsAt} />
    </FieldGroup>
  );
}

export function SingularitySection({ c }: Props) {
  const { form, set, errorsAt } = c;
  return (
    <FieldGroup title="Singularity" description="How the container runs on the HPC side.">
      <h3 className="text-sm font-medium">Bind mounts</h3>
      <MountRows mounts={form.mounts} onChange={(m) => set('mounts', m)} errorsAt={errorsAt} />
      <Field
        id="singularityOptions"
        label="Singularity options"
        hint="Appended to the singularity command, e.g. --no-home."
        errors={errorsAt(['singularityOptions'])}
      >
        {(p) => (
          <input
            {...p}
            className={`${inputClass} font-mono`}
            value={form.singularityOptions}
            onChange={(e) => set('singularityOptions', e.target.value)}
          />
        )}
      </Field>
      <Field
        id="preExec"
        label="Pre-exec commands"
        hint="Shell lines run in the batch job before the container starts."
        errors={errorsAt(['preExec'])}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            className={`${inputClass} font-mono`}
            value={form.preExec}
            onChange={(e) => set('preExec', e.target.value)}
          />
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={form.legacyAnnotations} onChange={(e) => set('legacyAnnotations', e.target.checked)} />
        Also write the job.vk.io/ keys read by Slurm plugins before 0.3
      </label>
    </FieldGroup>
  );
}

export function EnvironmentSection({ c }: Props) {
  return (
    <FieldGroup title="Environment" description="Values arrive in the script exactly as typed: quotes, $, newlines and emoji included.">
      <h3 className="text-sm font-medium">Variables</h3>
      <RowsEditor
        field="env"
        noun="variable"
        rows={c.form.env}
        onChange={(r) => c.set('env', r)}
        errorsAt={c.errorsAt}
        namePlaceholder="NAME"
      />
      <h3 className="text-sm font-medium">Secrets</h3>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Kept in a Kubernetes Secret, never in the Job; read as environment variables too.
      </p>
      <RowsEditor
        field="secrets"
        noun="secret"
        rows={c.form.secrets}
        onChange={(r) => c.set('secrets', r)}
        errorsAt={c.errorsAt}
        namePlaceholder="NAME"
      />
    </FieldGroup>
  );
}

export function KubernetesSection({ c }: Props) {
  const { form, set, errorsAt } = c;
  const virtual = form.target !== '';
  return (
    <FieldGroup title="Kubernetes" description="Metadata for the Job, and resources for an ordinary node.">
      {virtual && (
        <p className={`rounded border p-2 text-sm ${TONE.warn}`} data-testid="offloaded-note">
          {OFFLOADED_RESOURCES_NOTE}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="cpu" label="CPU" errors={errorsAt(['cpu'])}>
          {(p) => <input {...p} className={`${inputClass} font-mono`} value={form.cpu} onChange={(e) => set('cpu', e.target.value)} />}
        </Field>
        <Field id="memory" label="Memory" errors={errorsAt(['memory'])}>
          {(p) => (
            <input {...p} className={`${inputClass} font-mono`} value={form.memory} onChange={(e) => set('memory', e.target.value)} />
          )}
        </Field>
        <Field id="visibility" label="Visibility (OSCAR)" errors={errorsAt(['visibility'])}>
          {(p) => (
            <select {...p} className={inputClass} value={form.visibility} onChange={(e) => set('visibility', e.target.value as Visibility)}>
              {VISIBILITIES.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={form.enableGpu} onChange={(e) => set('enableGpu', e.target.checked)} />
        Request a GPU (ordinary nodes)
      </label>
      <h3 className="text-sm font-medium">Labels</h3>
      <RowsEditor field="labels" noun="label" rows={form.labels} onChange={(r) => set('labels', r)} errorsAt={errorsAt} />
      <h3 className="text-sm font-medium">Annotations</h3>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        For keys Offload has no field for, e.g. slurm-job.vk.io/image-root or slurm-job.vk.io/flavor.
      </p>
      <RowsEditor
        field="annotations"
        noun="annotation"
        rows={form.annotations}
        onChange={(r) => set('annotations', r)}
        errorsAt={errorsAt}
      />
    </FieldGroup>
  );
}
