import { afterAll, describe, expect, it } from 'vitest';
import { getJson, lab, waitFor } from './lab';
import { condition, type NodeObj } from './types';

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
