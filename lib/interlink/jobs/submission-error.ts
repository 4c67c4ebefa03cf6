import { clip } from './pod-signals';

// When the plugin cannot submit, the virtual kubelet writes the whole error chain into the
// pod's message (pkg/virtualkubelet/virtualkubelet.go, handleRemoteExecutionFailure), e.g.
//   error doing createRequest() in RemoteExecution() return value  error detail
//   &errors.errorString{s:"error creating pod (HTTP 504): HTTP InterLink session CreatePod#85746:
//   call exit status: 500. Body: sbatch: error: invalid partition specified: nosuchpartition\n
//   sbatch: error: Batch job submission failed: Invalid partition name specified\n"} error: …
// The chain is printed twice and wraps the one part a person needs: what the plugin answered
// (the body), which for the Slurm plugin is sbatch's own error text.

const BODY = /Body:\s*([\s\S]*)$/;
const SBATCH_ERROR = /sbatch: error:\s*([^\n\\"]+)/g;

/** The plugin's answer inside the virtual kubelet's submission error, in a sentence's length. */
export function submissionErrorText(message: string): string {
  const sbatch = [...message.matchAll(SBATCH_ERROR)].map((m) => m[1]?.trim() ?? '').filter((t) => t !== '');
  if (sbatch.length > 0) return clip(`sbatch: ${[...new Set(sbatch)].join('; ')}`);
  // The first "Body:" holds the plugin's answer; the chain after the closing `"}` repeats it.
  const body = BODY.exec(message.split('"} error:')[0] ?? message)?.[1];
  const text = body === undefined ? message : body.replace(/\\n/g, '\n');
  return clip(text.trim() === '' ? message : text);
}
