'use client';

import { useRef, useState, type ReactNode } from 'react';

// A button that asks first, in a native modal dialog: focus moves into it, Escape closes
// it, and focus returns to the button afterwards.

const button =
  'rounded px-3 py-1.5 text-sm font-medium focus-visible:outline-2 ' +
  'focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50';
export const BUTTON_TONES = {
  danger: `${button} bg-red-700 text-white hover:bg-red-800`,
  plain:
    `${button} border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-100 ` +
    `dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800`,
} as const;

export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  tone,
  onConfirm,
  disabled = false,
}: {
  label: string;
  /** While RBAC's answer is unknown or refuses (the reason shows beside the buttons). */
  disabled?: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone: keyof typeof BUTTON_TONES;
  onConfirm: () => Promise<unknown>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={BUTTON_TONES[tone]} disabled={disabled} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${label}-title`}
        className="m-auto max-w-md rounded-lg p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id={`${label}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="mt-2 text-sm">{children}</div>
        {error !== null && (
          <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-300">
            {error}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className={BUTTON_TONES.plain} onClick={() => dialog.current?.close()} autoFocus>
            Keep it
          </button>
          <button type="button" className={BUTTON_TONES[tone]} disabled={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
