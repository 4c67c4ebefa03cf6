import { identify } from '@/lib/http/identity';
import { apiRoute, json } from '@/lib/http/route';
import { PreviewSchema, serviceParams, type ServiceRouteContext } from '@/lib/api/services';
import { previewService } from '@/lib/services/run';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<ServiceRouteContext>('/api/services/[namespace]/[name]/preview', async (request, context) => {
  const identity = await identify(request);
  const { namespace, name } = await serviceParams(context);
  const { job, sbatch } = await previewService(identity, namespace, name);
  return json(PreviewSchema.parse({ job, sbatch }));
});
