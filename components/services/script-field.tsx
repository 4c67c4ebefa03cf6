'use client';

import dynamic from 'next/dynamic';

import { ErrorText, buttonClass } from './field';

// The script: typed in a code editor (loaded only here, on demand) or read from a file.

const CodeEditor = dynamic(() => import('./code-editor'), {
  ssr: false,
  loading: () => <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading the editor…</p>,
});

export function ScriptField({ value, onChange, errors }: { value: string; onChange: (script: string) => void; errors: string[] }) {
  const describedBy = errors.length > 0 ? 'script-error' : undefined;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span id="script-label" className="text-sm font-medium">
          Script
        </span>
        <label className={`${buttonClass} cursor-pointer focus-within:outline-2 focus-within:outline-blue-600`}>
          Upload a script file
          <input
            type="file"
            className="sr-only"
            accept=".sh,.bash,.py,text/*"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file !== undefined) onChange(await file.text());
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <CodeEditor value={value} onChange={onChange} labelledBy="script-label" describedBy={describedBy} invalid={errors.length > 0} />
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Runs with /bin/sh in /tmp, the only writable directory of an offloaded job; the input is in $EVENT (Base64).
      </p>
      <ErrorText id="script" errors={errors} />
    </div>
  );
}
