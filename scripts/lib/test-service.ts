// The one small service the tests store, run and refuse variants of: alpine on the lab's
// `vega-vk`, saying hi. Tests override what they are about (`script`, `annotations`, …).
import type { Service } from '../../lib/interlink/services/service.ts';

export const TEST_IMAGE = 'docker://alpine:3.20';

export function testService<E extends Partial<Service> = Record<never, never>>(name: string, namespace: string, extra?: E): Service & E {
  return { name, namespace, image: TEST_IMAGE, script: 'echo hi\n', interlink_node_name: 'vega-vk', ...(extra ?? ({} as E)) };
}
