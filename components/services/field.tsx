import type { ReactNode } from 'react';

// One labelled form control with its hint and its validation messages, wired for screen
// readers: the control is described by both and marked invalid while a message shows.

export const inputClass =
  'w-full rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 ' +
  'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 ' +
  'aria-[invalid=true]:border-red-600 disabled:bg-zinc-100 disabled:text-zinc-600 ' +
  'dark:border-zinc-600 dark:bg-zinc-950 dark:text-zinc-100 dark:disabled:bg-zinc-800 ' +
  'dark:disabled:text-zinc-300';
export const buttonClass =
  'inline-flex items-center gap-1 rounded border border-zinc-300 bg-white px-3 py-1.5 text-sm ' +
  'font-medium text-zinc-800 hover:bg-zinc-100 focus-visible:outline-2 ' +
  'focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-60 ' +
  'dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800';
export const primaryButtonClass =
  'inline-flex items-center gap-1 rounded bg-blue-700 px-3 py-1.5 text-sm font-medium ' +
  'text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 ' +
  'focus-visible:outline-blue-600 disabled:opacity-60';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/** Attributes for a control described by a hint and/or messages (ids from `id`). */
export function controlProps(id: string, hint: boolean, errors: readonly string[]): ControlProps {
  const described = [hint ? `${id}-hint` : '', errors.length > 0 ? `${id}-error` : ''].filter((s) => s !== '').join(' ');
  return { id, ...(described !== '' && { 'aria-describedby': described }), ...(errors.length > 0 && { 'aria-invalid': true }) };
}

export function ErrorText({ id, errors }: { id: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300" data-testid={`error-${id}`}>
      {errors.join(' · ')}
    </p>
  );
}

export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors: readonly string[];
  children: (props: ControlProps) => ReactNode;
}) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {children(controlProps(id, hint !== undefined, errors))}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <ErrorText id={id} errors={errors} />
    </div>
  );
}

/** A titled group of fields; the title is a heading so screen readers can jump between groups. */
export function FieldGroup({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-950">
      <div>
        <h2 className="text-base font-semibold">{title}</h2>
        {description !== undefined && <p className="text-sm text-zinc-600 dark:text-zinc-400">{description}</p>}
      </div>
      {children}
    </section>
  );
}
export const dangerButtonClass =
  'inline-flex items-center gap-1 rounded bg-red-700 px-3 py-1.5 text-sm font-medium ' +
  'text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 ' +
  'focus-visible:outline-red-600 disabled:opacity-60';
