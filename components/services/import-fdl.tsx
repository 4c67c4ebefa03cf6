'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';

import type { FdlService } from '@/lib/interlink/services/fdl';

import { buttonClass } from './field';
import { stashImportedForm } from './imported-form';
import { TONE } from '@/components/ui/tones';

// OSCAR FDL import: a YAML file plus, optionally, the script files it names, chosen
// together. The service opens in the composer unsaved, so nothing is stored before the
// person has seen it and pressed Save.

type State = { services: FdlService[]; issues: string[] } | null;

export function ImportFdl({ namespace }: { namespace: string }) {
  const router = useRouter();
  const id = useId();
  const [state, setState] = useState<State>(null);
  const open = async (entry: FdlService) => {
    // Like the YAML reader, the converter (with the Slurm annotation rules) loads on use: in the
    // page's first load it made /services the heaviest page (bench: 1.252× the blank page).
    const { serviceToForm } = await import('@/lib/interlink/services/service-form');
    stashImportedForm(serviceToForm(entry.service));
    router.push('/services/new?from=import');
  };
  const read = async (list: FileList | null) => {
    const files = await Promise.all([...(list ?? [])].map(async (f) => [f.name, await f.text()] as const));
    const fdl = files.find(([n]) => /\.ya?ml$/i.test(n)) ?? files[0];
    if (fdl === undefined) return;
    // The YAML reader loads when a file is chosen, not with the page.
    const { importFdl } = await import('@/lib/interlink/services/fdl');
    const result = importFdl(fdl[1], Object.fromEntries(files.filter((f) => f !== fdl)), { namespace });
    const issues = result.issues.map((i) => `${i.path.join('.') || fdl[0]}: ${i.message}`);
    const [only] = result.services;
    if (issues.length === 0 && result.services.length === 1 && only !== undefined) await open(only);
    else setState({ services: result.services, issues });
  };
  return (
    <div className="space-y-2">
      <label htmlFor={`${id}-files`} className="block text-sm font-medium">
        Import OSCAR FDL
      </label>
      <input
        id={`${id}-files`}
        type="file"
        multiple
        accept=".yaml,.yml,.sh,.bash,.py,text/*"
        aria-describedby={`${id}-hint`}
        className={
          'block text-sm file:mr-2 file:rounded file:border file:border-zinc-300 file:bg-white ' +
          'file:px-3 file:py-1.5 file:text-sm dark:file:border-zinc-600 dark:file:bg-zinc-900 ' +
          'dark:file:text-zinc-100'
        }
        onChange={(e) => void read(e.target.files)}
        data-testid="import-fdl"
      />
      <p id={`${id}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
        Choose the YAML file and the script files it names, together. It opens unsaved in namespace {namespace}.
      </p>
      {state !== null && (
        <div role="alert" className={`rounded border p-3 text-sm ${TONE.warn}`}>
          {state.issues.length > 0 && (
            <ul className="list-disc pl-5">
              {state.issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          )}
          {state.services.length === 0 ? <p>No service could be read from the file.</p> : <p className="mt-1">Open in the composer:</p>}
          <div className="mt-2 flex flex-wrap gap-2">
            {state.services.map((s, i) => (
              <button key={i} type="button" className={buttonClass} onClick={() => void open(s)}>
                {s.service.name || `service ${i + 1}`} ({s.clusterId})
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
