import type { JobDetailResponse } from '@/lib/api/job-detail';

/**
 * Under the state's own sentence ("Failed with exit code 1."): what the log says went wrong,
 * and the line it says so in. A job reported as succeeded gets one only when Slurm stopped it.
 */
export function FailureDiagnosis({ diagnosis }: { diagnosis: NonNullable<JobDetailResponse['diagnosis']> }) {
  return (
    <div
      role="note"
      aria-label="What the log says went wrong"
      data-testid="job-diagnosis"
      data-kind={diagnosis.kind}
      className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100"
    >
      <p className="font-medium">{diagnosis.sentence}</p>
      <p className="mt-1 text-xs text-red-900 dark:text-red-200">
        From the log: <code className="break-all">{diagnosis.evidence}</code>
      </p>
    </div>
  );
}
