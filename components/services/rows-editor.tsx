'use client';

import type { KeyValueRow } from '@/lib/interlink/services/service-form-model';

import { ErrorText, buttonClass, inputClass } from './field';
import type { Path } from './use-composer';

// Name/value rows (environment variables, secrets, labels, annotations). Values are kept
// exactly as typed, newlines included, so they are textareas; problems show under the row
// they belong to (form paths are [field, name]).

interface Props {
  field: 'env' | 'secrets' | 'labels' | 'annotations';
  /** Singular noun for labels and the add button, e.g. "variable". */
  noun: string;
  rows: readonly KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  errorsAt: (path: Path) => string[];
  namePlaceholder?: string;
}

const lines = (text: string) => Math.min(6, Math.max(1, text.split('\n').length));

export function RowsEditor({ field, noun, rows, onChange, errorsAt, namePlaceholder }: Props) {
  const update = (index: number, patch: Partial<KeyValueRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-2" data-testid={`rows-${field}`}>
      {rows.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">No {noun}s.</p>}
      {rows.map((row, i) => {
        const id = `${field}-${i}`;
        const errors = errorsAt([field, row.key]);
        return (
          <div key={i} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] items-start gap-2">
            <input
              className={`${inputClass} font-mono`}
              aria-label={`${noun} ${i + 1} name`}
              placeholder={namePlaceholder}
              value={row.key}
              onChange={(e) => update(i, { key: e.target.value })}
              id={`${id}-name`}
              aria-invalid={errors.length > 0 || undefined}
              aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
            />
            <textarea
              className={`${inputClass} font-mono`}
              aria-label={`${noun} ${i + 1} value`}
              rows={lines(row.value)}
              value={row.value}
              onChange={(e) => update(i, { value: e.target.value })}
              id={`${id}-value`}
            />
            <button
              type="button"
              className={buttonClass}
              aria-label={`Remove ${noun} ${i + 1}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              Remove
            </button>
            <div className="col-span-3 -mt-1">
              <ErrorText id={id} errors={errors} />
            </div>
          </div>
        );
      })}
      <button type="button" className={buttonClass} onClick={() => onChange([...rows, { key: '', value: '' }])}>
        Add {noun}
      </button>
    </div>
  );
}
