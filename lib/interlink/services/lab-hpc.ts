import { count } from '../../format/plural';

import type { HpcNeeds } from './hpc-needs';
import { bindSourceSentence, commandNotFoundSentence, missingImageSentence } from '../jobs/failure-sentences';

// The lab's HPC side, as lab/lib/slurm.sh, lab/lib/hpc-side.sh and lab/singularity make it
// (lab/test/hpc-side.int.test.ts checks them against each other), and what a service's
// needs come to there: the sentence its job page will show when it fails, in the order the
// job meets them (Slurm, the image, the binds, the script).

export interface HpcSide {
  /** Directories known to exist there. */
  paths: readonly string[];
  partitions: Readonly<Record<string, { gpus: number }>>;
  defaultPartition: string;
  /** False where Singularity cannot pull: the script runs with the machine's own commands. */
  pullsImages: boolean;
}

export const LAB_HPC: HpcSide = {
  paths: ['/shared/3dgan-data'],
  partitions: { cpu: { gpus: 0 }, gpu: { gpus: 4 } },
  defaultPartition: 'cpu',
  pullsImages: false,
};

export type LabOutcome = 'succeeds' | 'fails' | 'refused' | 'may-fail';

export interface LabVerdict {
  outcome: LabOutcome;
  /** Why, in words. */
  why: string;
  /** The sentence the failed job's page will show, when it is known. */
  expect: string | null;
}

export function labVerdict(needs: HpcNeeds, side: HpcSide = LAB_HPC): LabVerdict {
  const partition = needs.partition ?? side.defaultPartition;
  const slurm = side.partitions[partition];
  if (slurm === undefined) {
    return refused(
      `the lab's Slurm has no partition ${partition} (it has ${Object.keys(side.partitions).join(' and ')}), so sbatch refuses the job.`,
    );
  }
  if (needs.gpus > slurm.gpus) {
    return refused(
      `partition ${partition} of the lab ` +
        `has ${slurm.gpus === 0 ? 'no GPU' : count(slurm.gpus, 'GPU')}, and the job asks ` +
        `for ${count(needs.gpus, 'GPU')}, so sbatch refuses it.`,
    );
  }
  const { image } = needs;
  if (image.local && !image.madeByPreExec && !side.paths.includes(image.ref)) {
    return fails(`The lab has no ${image.ref}, and nothing makes it before the job starts.`, missingImageSentence(image.ref));
  }
  const unknown = needs.paths.filter((p) => !side.paths.includes(p.path));
  const pulled = side.pullsImages
    ? ''
    : `The lab cannot pull ${image.local ? 'the image a pre-exec pulls' : image.ref}: its ` +
      `singularity stand-in runs the script with this machine's own commands (a POSIX shell and ` +
      `the usual tools)`;
  const missing = side.pullsImages ? undefined : image.commands?.[0];
  if (missing !== undefined) {
    return fails(`${pulled}, and it has no ${missing}.`, commandNotFoundSentence(missing, 127), unknown);
  }
  if (unknown.length > 0) {
    const first = unknown[0];
    return {
      outcome: 'may-fail',
      why:
        `The lab provides ${side.paths.join(', ')}; ${unknown.map((p) => p.path).join(', ')} must ` +
        `exist on this machine.${pulled === '' ? '' : ` ${pulled}.`}`,
      expect: first === undefined ? null : bindSourceSentence(first.path, first.boundAt, first.readOnly),
    };
  }
  if (image.commands === null && !side.pullsImages) {
    return { outcome: 'may-fail', why: `${pulled}: a command that only the image has is not found.`, expect: null };
  }
  return {
    outcome: 'succeeds',
    why: `${pulled === '' ? 'Everything it needs is there' : `${pulled}, which are all the script needs`}.`,
    expect: null,
  };
}

function refused(why: string): LabVerdict {
  return { outcome: 'refused', why: `Slurm refuses it: ${why}`, expect: null };
}

function fails(why: string, expect: string, unknownPaths: HpcNeeds['paths'] = []): LabVerdict {
  const also = unknownPaths.length === 0 ? '' : ` (${unknownPaths.map((p) => p.path).join(', ')} must also exist on this machine.)`;
  return { outcome: 'fails', why: `${why}${also}`, expect };
}
