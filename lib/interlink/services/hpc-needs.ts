import type { ServiceForm } from './service-form-model';

// What a service needs from the HPC side to run there, read from its form: the image (and
// the commands the script takes from it, which only a template knows), the directories it
// binds, the Slurm partition and GPUs. Shown next to the composer's fields; lab-hpc.ts
// says what the lab's HPC side does with it.

export interface HpcNeeds {
  image: {
    ref: string;
    /** An absolute path: a .sif file on the HPC side, not pulled from a registry. */
    local: boolean;
    /** The pre-exec names that file, so it makes it (pulls it) when missing. */
    madeByPreExec: boolean;
    /** Commands the script runs that only the image has; null when nobody said (not a template). */
    commands: readonly string[] | null;
  };
  /** Bind sources: they must exist on the HPC side. */
  paths: readonly { path: string; boundAt: string; readOnly: boolean }[];
  /** null: the cluster's default partition. */
  partition: string | null;
  gpus: number;
}

type NeedsForm = Pick<ServiceForm, 'image' | 'mounts' | 'slurm' | 'preExec'>;

export function hpcNeeds(form: NeedsForm, imageCommands: readonly string[] | null): HpcNeeds {
  const ref = form.image.trim();
  const local = ref.startsWith('/');
  return {
    image: { ref, local, madeByPreExec: local && form.preExec.includes(ref), commands: imageCommands },
    paths: form.mounts.filter((m) => m.hostPath !== '').map((m) => ({ path: m.hostPath, boundAt: m.containerPath, readOnly: m.readOnly })),
    partition: form.slurm.partition?.trim() || null,
    gpus: gpusOf(form.slurm.gres),
  };
}

/** GPUs in a --gres value: `gpu:2`, `gpu:a100:2`, `gpu` (one), others ignored. */
export function gpusOf(gres: string | undefined): number {
  let total = 0;
  for (const part of (gres ?? '').split(',')) {
    const [kind, ...rest] = part.trim().split(':');
    if (kind !== 'gpu') continue;
    const last = rest[rest.length - 1];
    total += last !== undefined && /^\d+$/.test(last) ? Number(last) : 1;
  }
  return total;
}
