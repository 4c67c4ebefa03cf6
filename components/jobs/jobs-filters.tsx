import { JOB_STATES, type JobState } from '@/lib/interlink/jobs/job-state';

export interface JobFilters {
  state: JobState | '';
  service: string;
  node: string;
  q: string;
}

const field = 'rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950';

/** Filter controls; the options for service and node come from the rows the user can see. */
export function JobsFilters({
  value,
  onChange,
  services,
  nodes,
  disabled = false,
}: {
  value: JobFilters;
  onChange: (f: JobFilters) => void;
  services: string[];
  nodes: string[];
  disabled?: boolean;
}) {
  const set = (patch: Partial<JobFilters>) => onChange({ ...value, ...patch });
  return (
    <form role="search" aria-label="Filter jobs" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <fieldset disabled={disabled} className="contents">
        <label className="flex flex-col text-xs font-medium">
          Search
          <input
            type="search"
            className={`${field} w-64`}
            value={value.q}
            onChange={(e) => set({ q: e.target.value })}
            placeholder="name, Slurm id, reason…"
          />
        </label>
        <Select label="State" value={value.state} options={JOB_STATES} onChange={(state) => set({ state: state as JobState | '' })} />
        <Select label="Service" value={value.service} options={services} onChange={(service) => set({ service })} />
        <Select label="Node" value={value.node} options={nodes} onChange={(node) => set({ node })} />
      </fieldset>
    </form>
  );
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (v: string) => void;
}) {
  return (
    <label className="flex flex-col text-xs font-medium">
      {label}
      <select className={field} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
