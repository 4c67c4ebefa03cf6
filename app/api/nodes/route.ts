import { identify } from '@/lib/api/identity';
import { NodesResponseSchema } from '@/lib/api/nodes';
import { apiRoute, json } from '@/lib/api/route';
import { nodesFor } from '@/lib/live/nodes';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('/api/nodes', async (request) => json(NodesResponseSchema.parse(await nodesFor(await identify(request)))));
