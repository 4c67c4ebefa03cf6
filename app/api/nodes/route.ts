import { identify } from '@/lib/http/identity';
import { NodesResponseSchema } from '@/lib/api/nodes';
import { apiRoute, json } from '@/lib/http/route';
import { nodesFor } from '@/lib/nodes/nodes';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('/api/nodes', async (request) => json(NodesResponseSchema.parse(await nodesFor(await identify(request)))));
