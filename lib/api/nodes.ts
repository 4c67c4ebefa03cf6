import { z } from 'zod';

import { JOB_STATES } from '@/lib/interlink/jobs/job-state';
import { PING_KINDS } from '@/lib/interlink/nodes/ping';
import { PARTITION_AVAILABILITIES } from '@/lib/interlink/slurm/sinfo';

// GET /api/nodes and the `node` messages of GET /api/events: one node as the dashboard
// shows it, health already derived (lib/interlink/nodes/node-health.ts) so scripts and the browser
// read the same verdict. Shared by the route handler (parses what goes out) and the page.

const nullableString = z.string().nullable();
const conditionStatus = z.enum(['True', 'False', 'Unknown', 'Absent']);

export const ConditionViewSchema = z.object({
  status: conditionStatus,
  reason: nullableString,
  message: nullableString,
  lastTransition: nullableString,
});

export const HistoryEntrySchema = z.object({
  at: z.string(),
  healthy: z.boolean(),
  /** Why it was not healthy then; null when healthy. */
  why: nullableString,
  /** `observed`: seen by this server's watch; `event`: a Kubernetes Event (NodeReady/NodeNotReady). */
  source: z.enum(['observed', 'event']),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** A Slurm partition from a `sinfo -s` ping answer (lib/interlink/slurm/sinfo.ts). */
export const SlurmPartitionSchema = z.object({
  name: z.string(),
  isDefault: z.boolean(),
  availability: z.enum(PARTITION_AVAILABILITIES),
  availabilityText: nullableString,
  timeLimit: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('unlimited'), text: z.string() }),
      z.object({ kind: z.literal('duration'), text: z.string(), seconds: z.number() }),
      z.object({ kind: z.literal('unknown'), text: z.string() }),
    ])
    .nullable(),
  nodes: z.object({ allocated: z.number(), idle: z.number(), other: z.number(), total: z.number() }).nullable(),
  nodeList: nullableString,
});
export type SlurmPartitionView = z.infer<typeof SlurmPartitionSchema>;

export const NodeViewSchema = z.object({
  name: z.string(),
  kind: z.enum(['interlink', 'other']),
  ready: z.boolean(),
  readyStatus: conditionStatus,
  reason: nullableString,
  message: nullableString,
  /** Ready, connected and heartbeat fresh. */
  healthy: z.boolean(),
  /** Why not healthy, one sentence; null when healthy. */
  why: nullableString,
  /** When it stopped being healthy, from the history; `exact` false means "at least since". */
  downSince: z.object({ at: z.string(), exact: z.boolean() }).nullable(),
  lastHeartbeat: nullableString,
  heartbeatAgeSeconds: z.number().nullable(),
  heartbeatStale: z.boolean(),
  readyCondition: ConditionViewSchema,
  connectivity: ConditionViewSchema,
  taints: z.array(z.object({ key: z.string(), value: nullableString, effect: z.string() })),
  labels: z.record(z.string(), z.string()),
  capacity: z.record(z.string(), z.string()),
  allocatable: z.record(z.string(), z.string()),
  accelerators: z.array(z.object({ resource: z.string(), capacity: nullableString, allocatable: nullableString, model: nullableString })),
  /**
   * What the plugin's last ping answer is: `none` (empty: no ping yet, or the last failed),
   * `json` (pingStatus, pingResources), `sinfo` (pingPartitions: the Slurm plugin's answer)
   * or `text` (anything else, only in pingRaw).
   */
  pingKind: z.enum(PING_KINDS),
  /** The resources of a `json` answer; null otherwise or when it names none. */
  pingResources: z
    .object({
      cpu: nullableString,
      memory: nullableString,
      pods: nullableString,
      accelerators: z.array(z.object({ resourceType: z.string(), available: z.string(), model: nullableString })),
    })
    .nullable(),
  pingStatus: nullableString,
  /** The partitions of a `sinfo` answer; null for any other kind. */
  pingPartitions: z.array(SlurmPartitionSchema).nullable(),
  /** The answer as the plugin sent it; null when empty. */
  pingRaw: nullableString,
  interlinkVersion: nullableString,
  /** Offloaded jobs on this node by state; null when the caller may not list pods and jobs everywhere. */
  jobs: z.partialRecord(z.enum(JOB_STATES), z.number()).nullable(),
  history: z.object({ since: z.string(), label: z.string(), entries: z.array(HistoryEntrySchema) }),
  resourceVersion: z.string(),
});
export type NodeView = z.infer<typeof NodeViewSchema>;

export const NodesResponseSchema = z.object({
  virtualNodes: z.array(NodeViewSchema),
  otherNodes: z.array(NodeViewSchema),
  /** Id of the last live message contained in this answer (see GET /api/events). */
  revision: z.number(),
  /** The labels a virtual node is found by, for an empty state that says what was looked for. */
  lookedFor: z.array(z.string()),
});
export type NodesResponse = z.infer<typeof NodesResponseSchema>;
