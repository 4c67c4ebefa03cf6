import { describe, expect, it } from 'vitest';

import { ApiErrorBodySchema } from '@/lib/api/error-body';
import { NodesResponseSchema } from '@/lib/api/nodes';
import { tokenWithoutNodeAccess, userToken } from '../../../scripts/lib/lab.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';

// GET /api/nodes against the lab, through the production server.

const server = withOffloadServer();
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const get = (headers: Record<string, string> = bearer(userToken('admin'))) => fetch(`${server().url}/api/nodes`, { headers });

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = ApiErrorBodySchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/^[A-Z].*\.$/);
  return body;
}

describe('GET /api/nodes', () => {
  it("lists the lab's virtual nodes apart from ordinary ones, for a cluster admin", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    const body = NodesResponseSchema.parse(await response.json());
    expect(body.virtualNodes.map((n) => n.name)).toEqual(['lumi-vk', 'vega-vk']);
    expect(body.otherNodes.map((n) => n.name)).toContain('worker-1');
    const vega = body.virtualNodes.find((n) => n.name === 'vega-vk');
    expect(vega).toMatchObject({
      kind: 'interlink',
      connectivity: { reason: expect.stringMatching(/^InterlinkPing/) },
      interlinkVersion: expect.any(String),
    });
    expect(vega?.taints).toContainEqual({ key: 'virtual-node.interlink/no-schedule', value: 'true', effect: 'NoSchedule' });
    expect(vega?.jobs).not.toBeNull();
    expect(body.lookedFor).toEqual(['virtual-node.interlink/type=virtual-kubelet', 'type=virtual-kubelet']);
  });

  it("answers alice's bearer token with both virtual nodes, without cluster-wide job counts", async () => {
    const response = await get(bearer(userToken('alice')));
    expect(response.status).toBe(200);
    const body = NodesResponseSchema.parse(await response.json());
    expect(body.virtualNodes.map((n) => n.name)).toEqual(['lumi-vk', 'vega-vk']);
    expect(body.virtualNodes.every((n) => n.jobs === null)).toBe(true);
  });

  it('refuses an invalid token with 401 JSON', async () => {
    const response = await get(bearer('not-a-real-token'));
    await expectError(response, 401, 'unauthorized');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses a request without credentials with 401 JSON', async () => {
    await expectError(await get({}), 401, 'unauthorized');
  });

  it('refuses a malformed Authorization header with 401 JSON', async () => {
    await expectError(await get({ Authorization: 'Basic YWxpY2U6cHc=' }), 401, 'unauthorized');
  });

  it('refuses an identity that may not list nodes with 403 JSON, never an empty 200', async () => {
    const body = await expectError(await get(bearer(await tokenWithoutNodeAccess())), 403, 'forbidden');
    expect(body.error.message).toContain('list nodes');
  });
});
