'use client';

import Link from 'next/link';

import { ApiError } from '@/lib/api/api-error';
import { useService } from '@/lib/client/use-services';

import { Composer } from './composer';
import { useLazy } from './use-lazy';
import { TONE } from '@/components/ui/tones';

// /services/{namespace}/{name}: the stored service in the composer, with Run, Export and Delete.

// The form conversions (Slurm and mount parsers) arrive while the service is being read.
const loadForms = () => import('@/lib/interlink/services/service-form');

export function EditService({ namespace, name, onLab }: { namespace: string; name: string; onLab: boolean }) {
  const { data, error } = useService(namespace, name);
  const forms = useLazy(loadForms);
  if (data === undefined && error !== null) {
    return (
      <div role="alert" className={`space-y-2 rounded-lg border p-4 ${TONE.error}`}>
        <h1 className="font-semibold">The service {name} could not be loaded</h1>
        <p className="text-sm">{error instanceof ApiError ? error.message : 'The dashboard server could not be reached.'}</p>
        <Link href="/services" className="text-sm underline">
          Back to the services
        </Link>
      </div>
    );
  }
  if (data === undefined || forms === null) {
    return (
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Loading {name}…
      </p>
    );
  }
  // The composer owns the form from here on; a later refetch must not reset it.
  return (
    <Composer
      key={`${namespace}/${name}`}
      initial={forms.serviceToForm(data)}
      resourceVersion={data.resourceVersion}
      hpc={{ imageCommands: null, onLab }}
    />
  );
}
