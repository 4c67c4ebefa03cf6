import 'server-only';

import { Unauthorized } from '@/lib/k8s/errors';
import type { Identity } from '@/lib/k8s/access';

// Who a request acts as. `Authorization: Bearer <Kubernetes token>` means exactly that
// identity. No header means the server's own identity: browsers have no sign-in yet (a
// later issue), so until then they see what the dashboard's kubeconfig may see.

export function identify(request: Request): Identity {
  const header = request.headers.get('authorization');
  if (header === null) return { kind: 'server' };
  const token = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)?.[1];
  if (token === undefined) throw new Unauthorized('The Authorization header must be "Bearer <Kubernetes token>".');
  return { kind: 'bearer', token };
}
