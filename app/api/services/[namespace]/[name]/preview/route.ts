import { callerRoute } from '@/lib/http/caller-route';
import { json } from '@/lib/http/route';
import { PreviewSchema, serviceParams, type ServiceRouteContext } from '@/lib/api/services';
import { previewService } from '@/lib/services/run';

export const dynamic = 'force-dynamic';

export const GET = callerRoute<ServiceRouteContext>('/api/services/{namespace}/{name}/preview', async ({ identity, context }) => {
  const { namespace, name } = await serviceParams(context);
  const { job, sbatch } = await previewService(identity, namespace, name);
  return json(PreviewSchema.parse({ job, sbatch }));
});
