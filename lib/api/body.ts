import 'server-only';

import { Invalid } from '@/lib/k8s/errors';

/** The request's JSON body; a body that is not JSON is a 422, not a 500. Empty reads as `{}`. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Invalid('The request body is not valid JSON.');
  }
}
