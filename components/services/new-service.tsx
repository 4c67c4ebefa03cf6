'use client';

import { useSyncExternalStore } from 'react';

import { useNodeChoices } from '@/lib/client/use-node-choices';
import { emptyServiceForm, type ServiceForm } from '@/lib/interlink/services/service-form-model';

import { Composer } from './composer';
import { useImportedFormJson } from './imported-form';
import { useLazy } from './use-lazy';

// /services/new: an empty form, a template (aimed at the first ready virtual node), or an
// imported FDL handed over by the list page. The composer starts once its first form is known.

export interface NewServiceProps {
  namespace: string;
  template: string | null;
  fromImport: boolean;
  onLab: boolean;
}

const noSubscription = () => () => {};

const loadTemplates = () => import('@/lib/interlink/services/templates');

export function NewService({ namespace, template, fromImport, onLab }: NewServiceProps) {
  const nodes = useNodeChoices();
  const imported = useImportedFormJson();
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  // The templates (their scripts) load only for a page that asks for one.
  const templates = useLazy(loadTemplates, !fromImport && template !== null);
  const chosen = templates?.SERVICE_TEMPLATES.find((t) => t.id === template);

  let initial: ServiceForm | null = null;
  let waitingFor = '';
  if (fromImport) {
    if (imported !== null) initial = JSON.parse(imported) as ServiceForm;
    else waitingFor = hydrated ? 'Nothing to import: choose an FDL file on the Services page.' : 'Loading the imported service…';
  } else if (template !== null && templates === null) {
    waitingFor = 'Loading the template…';
  } else if (chosen !== undefined && templates !== null) {
    if (nodes.data === undefined && nodes.error === null) waitingFor = 'Loading the virtual nodes…';
    else {
      const virtual = (nodes.data?.items ?? []).filter((n) => n.kind === 'interlink').sort((a, b) => a.name.localeCompare(b.name));
      const target = (virtual.find((n) => n.healthy) ?? virtual[0])?.name ?? '';
      initial = templates.formFromTemplate(chosen, namespace, target);
    }
  } else {
    initial = emptyServiceForm(namespace);
  }

  if (initial === null) {
    return (
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        {waitingFor}
      </p>
    );
  }
  return <Composer initial={initial} resourceVersion={null} hpc={{ imageCommands: chosen?.imageCommands ?? null, onLab }} />;
}
