import { base64Decode } from '@/lib/interlink/model/base64';

/**
 * The input of a run from the body of POST /job or /run. oscar-cli sends the input file
 * Base64-encoded (cmd/service_job.go); OSCAR's FaaS Supervisor decodes such a body, so Offload
 * does too, and EVENT carries the input itself, Base64 as always (the script reads
 * `echo "$EVENT" | base64 -d`). A body that is not Base64 is the input as it is. Pure.
 */
export function inputOf(body: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(body).trim();
  return base64Decode(text) ?? body;
}
