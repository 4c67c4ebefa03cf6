import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';

import type { PingKind } from '@/lib/interlink/nodes/ping';
import type { SlurmPartition } from '@/lib/interlink/slurm/sinfo';

import type { NodeViewSchema, SlurmPartitionSchema } from './nodes';

describe('NodeViewSchema', () => {
  it('carries the ping answer exactly as lib/interlink reads it', () => {
    expectTypeOf<z.output<typeof SlurmPartitionSchema>>().toEqualTypeOf<SlurmPartition>();
    expectTypeOf<z.output<typeof NodeViewSchema>['pingKind']>().toEqualTypeOf<PingKind>();
  });
});
