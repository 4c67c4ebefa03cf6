import { afterAll, describe, expect, it } from 'vitest';
import { getJson, kubectlOk, lab, uniqueName, waitFor } from './lab';
import { offloadedJob } from './manifests';
import { condition, type NodeObj, type PodObj } from './types';

const nodeState = async () => {
  const node = await getJson<NodeObj>('admin', ['get', 'node', 'vega-vk']);
  return { ready: condition(node, 'Ready'), link: condition(node, 'InterlinkConnectivity') };
};

describe('fault injection', () => {
  afterAll(async () => {
    await lab(['start', 'vega-vk-plugin']);
  });

  it('stopping vega-vk-plugin turns the node NotReady within 90 s, starting it brings it back', async () => {
    expect((await nodeState()).ready?.status).toBe('True');
    const stopped = await lab(['stop', 'vega-vk-plugin']);
    expect(stopped.code).toBe(0);
    const down = await waitFor('vega-vk NotReady', 90_000, async () => {
      const s = await nodeState();
      return s.ready?.status === 'False' ? s : undefined;
    });
    expect(down.link).toMatchObject({ status: 'False', reason: 'InterlinkPingFailed' });
    expect(down.link?.message).toMatch(/^Ping failed/);

    expect((await lab(['start', 'vega-vk-plugin'])).code).toBe(0);
    await waitFor('vega-vk Ready again', 90_000, async () => ((await nodeState()).ready?.status === 'True' ? true : undefined));
  });
});

describe('virtual kubelet restart', () => {
  it('adopts jobs already in Slurm instead of submitting them again', async () => {
    const name = uniqueName('adopt');
    await kubectlOk('alice', ['apply', '-f', '-'], offloadedJob({
      name, namespace: 'alice', node: 'lumi-vk', flags: '--time=00:05:00 --cpus-per-task=1 --mem=100M', script: 'sleep 20; echo adopted\n',
    }));
    const pod = await waitFor('a running pod with a Slurm job id', 90_000, async () => {
      const list = await getJson<{ items: PodObj[] }>('alice', ['get', 'pods', '-n', 'alice', '-l', `job-name=${name}`]);
      const p = list.items[0];
      return p?.status.phase === 'Running' && p.metadata.annotations?.JobID ? p : undefined;
    });
    expect((await lab(['stop', 'lumi-vk'])).code).toBe(0);
    expect((await lab(['start', 'lumi-vk'])).code).toBe(0);
    const done = await waitFor('the job to finish', 120_000, async () => {
      const p = await getJson<PodObj>('alice', ['get', 'pod', '-n', 'alice', pod.metadata.name]);
      return p.status.phase === 'Succeeded' || p.status.phase === 'Failed' ? p : undefined;
    });
    expect(done.status.phase).toBe('Succeeded');
    expect(done.metadata.annotations?.JobID).toBe(pod.metadata.annotations?.JobID);
    expect(await kubectlOk('alice', ['logs', '-n', 'alice', pod.metadata.name])).toContain('adopted');
  });
});
