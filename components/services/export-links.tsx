'use client';

import { useMemo } from 'react';

import { exportFdl } from '@/lib/interlink/services/fdl';
import { formToService, type ServiceForm } from '@/lib/interlink/services/service-form';

import { buttonClass } from './field';

// The composer's export as OSCAR FDL. The composer loads it after the page (next/dynamic):
// it brings the YAML library, which the page does not need to appear.

const dataUrl = (text: string, type: string) => `data:${type};charset=utf-8,${encodeURIComponent(text)}`;

/** OSCAR's FDL names the cluster a service belongs to; Offload's export uses this id. */
export const FDL_CLUSTER_ID = 'offload';

/** The FDL (YAML) and the script file it names, as two downloads of the form as it stands. */
export function ExportLinks({ form }: { form: ServiceForm }) {
  const { yaml, file, script } = useMemo(() => {
    const out = exportFdl([{ clusterId: FDL_CLUSTER_ID, service: formToService(form) }]);
    const [entry] = Object.entries(out.files);
    return { yaml: out.yaml, file: entry?.[0] ?? 'script.sh', script: entry?.[1] ?? '' };
  }, [form]);
  const name = form.name || 'service';
  return (
    <>
      <a className={buttonClass} href={dataUrl(yaml, 'application/yaml')} download={`${name}.yaml`}>
        Export FDL
      </a>
      <a className={buttonClass} href={dataUrl(script, 'text/x-shellscript')} download={file}>
        Download script ({file})
      </a>
    </>
  );
}
