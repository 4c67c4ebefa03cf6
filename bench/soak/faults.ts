// The faults a site meets every week, each applied during load: what is stopped, for how
// long, and how it comes back. The run measures around them (run.ts).
import { labCommand } from '../lab-control.ts';
import type { FaultName } from './plan.ts';
import type { Replicas } from './replicas.ts';

export interface Fault {
  name: FaultName;
  /** What happens, in the words of the report. */
  what: string;
  /** Breaks something and restores it; resolves when the restore command has been given. */
  apply: () => Promise<void>;
  /** Submissions refused with 503 during this fault are expected (the cluster cannot take them). */
  refusalsExpected: boolean;
}

const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

export function faults(replicas: Replicas, log: (s: string) => void): Record<FaultName, Fault> {
  const lab = (args: string[]) => labCommand(args, log).then(() => undefined);
  const stopFor = (component: string, seconds: number) => async () => {
    await lab(['stop', component]);
    await sleep(seconds);
    await lab(['start', component]);
  };
  const restart = (component: string) => async () => {
    await lab(['stop', component]);
    await lab(['start', component]);
  };
  const [a, b] = replicas.list;
  if (a === undefined || b === undefined) throw new Error('the soak runs two replicas');
  return {
    'apiserver-stop': {
      name: 'apiserver-stop',
      what: 'the API server stopped for 30 s, then started',
      apply: stopFor('apiserver', 30),
      refusalsExpected: true,
    },
    'etcd-stop': { name: 'etcd-stop', what: 'etcd stopped for 30 s, then started', apply: stopFor('etcd', 30), refusalsExpected: true },
    'vk-restart': { name: 'vk-restart', what: "vega-vk's virtual kubelet restarted", apply: restart('vega-vk'), refusalsExpected: false },
    'plugin-stop': {
      name: 'plugin-stop',
      what: "vega-vk's Slurm plugin stopped for 60 s, then started",
      apply: stopFor('vega-vk-plugin', 60),
      refusalsExpected: false,
    },
    'slurmctld-restart': { name: 'slurmctld-restart', what: 'slurmctld restarted', apply: restart('slurmctld'), refusalsExpected: false },
    'offload-restart': {
      name: 'offload-restart',
      what: 'every Offload server killed (SIGKILL) while browsers follow logs, then started again',
      apply: async () => {
        replicas.kill(a);
        replicas.kill(b);
        await sleep(3);
        await Promise.all([replicas.start(a), replicas.start(b)]);
      },
      refusalsExpected: true,
    },
    'replica-kill': {
      name: 'replica-kill',
      what: 'one of two Offload replicas killed (SIGKILL); started again 30 s later',
      apply: async () => {
        replicas.kill(b);
        await sleep(30);
        await replicas.start(b);
      },
      refusalsExpected: false,
    },
  };
}
