import { oscarRequest } from '@/lib/oscar/dispatch';

export const dynamic = 'force-dynamic';

// OSCAR's API for OSCAR's own tools (oscar-cli, the OSCAR Python client): docs/oscar.md.
export const GET = oscarRequest('GET');
export const HEAD = oscarRequest('HEAD');
export const POST = oscarRequest('POST');
export const PUT = oscarRequest('PUT');
export const DELETE = oscarRequest('DELETE');
