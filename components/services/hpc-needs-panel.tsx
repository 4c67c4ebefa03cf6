'use client';

import { count } from '@/lib/format/plural';
import { hpcNeeds, type HpcNeeds } from '@/lib/interlink/services/hpc-needs';
import { labVerdict, type LabOutcome } from '@/lib/interlink/services/lab-hpc';
import type { ServiceForm } from '@/lib/interlink/services/service-form-model';
import type { ServiceTemplate } from '@/lib/interlink/services/templates';

import { FieldGroup } from './field';
import { TONE } from '@/components/ui/tones';

// What the service needs from the HPC side, read from the form as it stands (so it follows
// every edit), beside the fields that set it; on the lab, also what the lab will do with it.

export interface HpcContext {
  /** Commands the script takes from the image, when a template says so; else null. */
  imageCommands: readonly string[] | null;
  /** The server runs against the lab (OFFLOAD_LAB=1). */
  onLab: boolean;
}

export function HpcNeedsPanel({ form, hpc }: { form: ServiceForm; hpc: HpcContext }) {
  if (form.target === '') return null;
  const needs = hpcNeeds(form, hpc.imageCommands);
  return (
    <FieldGroup title="Needs from the HPC side" description="What must be there for the job to run, from the fields below.">
      <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="hpc-needs">
        <li>{imageText(needs.image)}</li>
        {needs.paths.map((p) => (
          <li key={`${p.path} ${p.boundAt}`}>
            The directory <code className="font-mono">{p.path}</code>, bound at <code className="font-mono">{p.boundAt}</code>
            {p.readOnly ? ' (read-only)' : ' (writable)'}.
          </li>
        ))}
        <li>
          Slurm:{' '}
          {needs.partition === null ? (
            'the default partition'
          ) : (
            <>
              partition <code className="font-mono">{needs.partition}</code>
            </>
          )}
          {needs.gpus === 0 ? ', no GPU.' : ` with ${count(needs.gpus, 'GPU')}.`}
        </li>
      </ul>
      {hpc.onLab && <LabVerdictNote needs={needs} />}
    </FieldGroup>
  );
}

/** One template's needs in a line, and on the lab whether it runs there: for its card. */
export function TemplateNeeds({ template, onLab }: { template: ServiceTemplate; onLab: boolean }) {
  const needs = hpcNeeds(template.form, template.imageCommands);
  const verdict = onLab ? labVerdict(needs) : null;
  const parts = [
    needs.image.commands?.length ? `${needs.image.commands.join(', ')} from its image` : 'any image with a shell',
    ...needs.paths.map((p) => p.path),
    needs.gpus > 0 ? count(needs.gpus, 'GPU') : null,
  ].filter((p) => p !== null);
  return (
    <>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Needs on the HPC side: {parts.join(', ')}.</p>
      {verdict !== null && (
        <p className="mt-1 text-xs font-medium" data-testid={`template-lab-${template.id}`} data-outcome={verdict.outcome}>
          {HEADLINE[verdict.outcome]}
        </p>
      )}
    </>
  );
}

function imageText(image: HpcNeeds['image']): string {
  const from = image.commands === null || image.commands.length === 0 ? '' : `; the script runs ${image.commands.join(', ')} from it`;
  if (image.ref === '') return 'An image: none is set yet.';
  if (!image.local) return `The image ${image.ref}, pulled there by Singularity${from}.`;
  return `The image file ${image.ref} there${image.madeByPreExec ? ' (the pre-exec makes it when missing)' : ''}${from}.`;
}

const OUTCOME_TONE: Record<LabOutcome, string> = {
  succeeds: TONE.ok,
  fails: TONE.warn,
  refused: TONE.warn,
  'may-fail': 'border-zinc-300 bg-zinc-50 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100',
};

const HEADLINE: Record<LabOutcome, string> = {
  succeeds: 'On this lab it runs and ends Succeeded.',
  fails: 'It will not run on this lab.',
  refused: 'It will not run on this lab.',
  'may-fail': 'On this lab it may not run.',
};

function LabVerdictNote({ needs }: { needs: HpcNeeds }) {
  const verdict = labVerdict(needs);
  return (
    <div className={`rounded border p-2 text-sm ${OUTCOME_TONE[verdict.outcome]}`} data-testid="lab-verdict" data-outcome={verdict.outcome}>
      <p className="font-medium">{HEADLINE[verdict.outcome]}</p>
      <p>{verdict.why}</p>
      {verdict.expect !== null && (
        <p>
          {verdict.outcome === 'fails' ? 'Its job page will say' : 'If so, its job page will say'}:{' '}
          <q data-testid="lab-verdict-expect">{verdict.expect}</q>
        </p>
      )}
    </div>
  );
}
