'use client';

import Link from 'next/link';
import { useState } from 'react';

import { ApiError } from '@/lib/api/api-error';
import { useServiceList } from '@/lib/client/use-services';
import { SERVICE_TEMPLATES } from '@/lib/interlink/services/templates';

import { FieldGroup, inputClass, primaryButtonClass } from './field';
import { TemplateNeeds } from './hpc-needs-panel';
import { ImportFdl } from './import-fdl';
import { ServiceTables } from './service-list';
import { TONE } from '@/components/ui/tones';

// /services: what is stored, per namespace, and the ways to start a new one.

export function ServicesPage({ onLab }: { onLab: boolean }) {
  const { data, error } = useServiceList();
  const [chosen, setChosen] = useState<string | null>(null);
  // The person's own namespace first (where they may list services), else where services are.
  const namespace = chosen ?? data?.scope.namespaces[0] ?? data?.services[0]?.namespace ?? 'default';
  const query = `namespace=${encodeURIComponent(namespace)}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Services</h1>
        <Link href={`/services/new?${query}`} className={primaryButtonClass}>
          New service
        </Link>
      </div>
      <FieldGroup title="Start a service">
        <div className="max-w-xs">
          <label htmlFor="new-namespace" className="mb-1 block text-sm font-medium">
            Namespace for new services
          </label>
          <input
            id="new-namespace"
            className={`${inputClass} font-mono`}
            value={namespace}
            onChange={(e) => setChosen(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="grid gap-3 md:grid-cols-3">
          {SERVICE_TEMPLATES.map((t) => (
            <div key={t.id} className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
              <h3 className="font-medium">{t.title}</h3>
              <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{t.description}</p>
              <TemplateNeeds template={t} onLab={onLab} />
              <Link
                href={`/services/new?${query}&template=${t.id}`}
                className="mt-2 inline-block text-sm text-blue-700 underline dark:text-blue-300"
                aria-label={`New from template: ${t.title}`}
              >
                New from template
              </Link>
            </div>
          ))}
        </div>
        <ImportFdl namespace={namespace} />
      </FieldGroup>
      {data === undefined && error === null && (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Loading services…
        </p>
      )}
      {error !== null && (
        <p role="alert" className={`rounded border p-3 text-sm ${TONE.error}`}>
          {error instanceof ApiError ? error.message : 'The dashboard server could not be reached.'}
        </p>
      )}
      {data !== undefined && <ServiceTables services={data.services} />}
    </div>
  );
}
