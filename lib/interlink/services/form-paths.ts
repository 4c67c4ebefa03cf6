import { LEGACY_SLURM_ANNOTATIONS as LEGACY, SLURM_ANNOTATIONS as SLURM } from '../model/keys';

// Where a problem found in the service (validateService) shows in the form (ServiceForm):
// annotation problems belong to the structured field they were rendered from.

type Path = ReadonlyArray<string | number>;

const TOP: Readonly<Record<string, string>> = {
  interlink_node_name: 'target',
  log_level: 'logLevel',
  enable_gpu: 'enableGpu',
  allowed_users: 'allowedUsers',
};

export function formPathOf(path: Path): Array<string | number> {
  const [head, second, ...rest] = path;
  if (head === 'annotations' && typeof second === 'string') {
    if (second === SLURM.flags) {
      const [field] = rest;
      if (typeof field === 'string' && field.startsWith('extra:')) return ['slurm', 'extra', field.slice('extra:'.length)];
      return field === undefined ? ['slurm'] : ['slurm', field];
    }
    if (second === SLURM.singularityMounts || second === LEGACY.singularityMounts) return ['mounts', ...rest];
    if (second === SLURM.singularityOptions) return ['singularityOptions'];
    if (second === SLURM.preExec || second === LEGACY.preExec) return ['preExec'];
    return ['annotations', second, ...rest];
  }
  if (head === 'environment') {
    const field = second === 'secrets' ? 'secrets' : 'env';
    return second === undefined ? ['env'] : [field, ...rest];
  }
  if (typeof head === 'string' && Object.hasOwn(TOP, head)) return [TOP[head] ?? head, ...(second === undefined ? [] : [second]), ...rest];
  return [...path];
}
