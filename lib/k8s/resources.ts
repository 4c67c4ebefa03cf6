import 'server-only';

// The resource kinds the shared cache lists and watches, cluster-wide: one list+watch each.

export interface ResourceSpec {
  /** Collection path, all namespaces. */
  path: string;
  group: string;
  resource: string;
}

export const RESOURCES = {
  nodes: { path: '/api/v1/nodes', group: '', resource: 'nodes' },
  pods: { path: '/api/v1/pods', group: '', resource: 'pods' },
  jobs: { path: '/apis/batch/v1/jobs', group: 'batch', resource: 'jobs' },
  events: { path: '/api/v1/events', group: '', resource: 'events' },
} as const satisfies Record<string, ResourceSpec>;

export type ResourceName = keyof typeof RESOURCES;
export const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];
