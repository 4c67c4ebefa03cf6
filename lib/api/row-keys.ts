import type { JobViewDto } from './jobs';
import type { NodeView } from './nodes';

// The key of each cached list's rows, apart from the fetch code: the live-message layer that
// every live page loads needs the keys, not the job or node clients.

export const jobRowKey = (row: JobViewDto): string => row.key;

export const nodeKey = (view: NodeView): string => view.name;
