// The words a failed job's page uses for a missing bind source, image or command: read from
// its log by log-diagnosis.ts, and foretold for the lab by lab-hpc.ts, in the same words.

export function bindSourceSentence(source: string, destination: string | null, readOnly: boolean): string {
  return destination === null
    ? `The HPC side has no ${source}: it cannot be bind-mounted into the container there.`
    : `The HPC side has no ${source}: the bind mount --bind ${source}:${destination}${readOnly ? ':ro' : ''} cannot be made there.`;
}

export function missingImageSentence(path: string): string {
  return `The HPC side has no image ${path}: Singularity could not open it.`;
}

export function commandNotFoundSentence(command: string, exitCode: number | null): string {
  return `The command ${command} was not found in the container${exitCode === null ? '' : ` (exit code ${exitCode})`}.`;
}
