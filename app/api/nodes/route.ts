import { callerRoute } from '@/lib/http/caller-route';
import { NodesResponseSchema } from '@/lib/api/nodes';
import { json } from '@/lib/http/route';
import { nodesFor } from '@/lib/nodes/nodes';

export const dynamic = 'force-dynamic';

export const GET = callerRoute('/api/nodes', async ({ identity }) => json(NodesResponseSchema.parse(await nodesFor(identity))));
