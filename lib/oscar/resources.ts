import { ceilValue, parseQuantity } from '@/lib/interlink/model/quantity';
import { isVirtualTarget, type Service } from '@/lib/interlink/services/service';
import { SLURM_ANNOTATIONS } from '@/lib/interlink/model/keys';
import { parseSlurmFlags } from '@/lib/interlink/slurm/slurm-flags';

// An OSCAR service's `cpu` and `memory` on an interLink node. OSCAR gives the container those
// limits, and the Slurm plugin turns limits into --cpus-per-task (CPUs rounded up) and --mem
// (megabytes, rounded down), ahead of the flags annotation (interlink-slurm-plugin 0.6.1,
// pkg/slurm/Create.go and prepare.go). Offload sets no limits on an offloaded job and reads
// both from the flags, so a service that states `cpu`/`memory` and leaves them out of its
// flags gets them written into the flags, where they can be seen and changed. Where the flags
// do say, Offload keeps what they say (docs/oscar.md). Pure.

const MEBIBYTE = 1024n * 1024n;

/** `stated`: the cpu and memory the client sent (OSCAR's defaults are not stated). */
export function withOscarResources(service: Service, stated: { cpu: string; memory: string }): Service {
  const key = SLURM_ANNOTATIONS.flags;
  const text = service.annotations?.[key] ?? '';
  const parsed = parseSlurmFlags(text);
  // Invalid flags are left for Offload's rules to name.
  if (!isVirtualTarget(service) || !parsed.ok) return service;
  const added: string[] = [];
  const cpu = parseQuantity(stated.cpu);
  if (parsed.flags.cpusPerTask === undefined && cpu !== null && ceilValue(cpu) > 0n) added.push(`--cpus-per-task=${ceilValue(cpu)}`);
  const memory = parseQuantity(stated.memory);
  const megabytes = memory === null ? 0n : ceilValue(memory) / MEBIBYTE;
  if (parsed.flags.mem === undefined && megabytes > 0n) added.push(`--mem=${megabytes}M`);
  if (added.length === 0) return service;
  return { ...service, annotations: { ...service.annotations, [key]: [text.trim(), ...added].filter((t) => t !== '').join(' ') } };
}
