import type { JobDetailResponse } from '@/lib/api/job-detail';
import { TONE } from '@/components/ui/tones';

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
      className={`rounded-lg border p-3 text-sm ${TONE.error}`}
    >
      <p className="font-medium">{diagnosis.sentence}</p>
      <p className="mt-1 text-xs text-red-900 dark:text-red-200">
        From the log: <code className="break-all">{diagnosis.evidence}</code>
      </p>
    </div>
  );
}
