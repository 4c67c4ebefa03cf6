// The init container's script (the chart runs it with `node --input-type=module -e`): creates the Secret
// $SESSION_SECRET_NAME with a random session key the first time, and leaves an existing one as
// it is, so the key is made once per install, never by rendering the chart. Two replicas
// starting together: one creates it, the other gets 409 and goes on.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';

const root = process.env.OFFLOAD_SERVICEACCOUNT_ROOT || '';
const dir = `${root}/var/run/secrets/kubernetes.io/serviceaccount`;
const namespace = readFileSync(`${dir}/namespace`, 'utf8').trim();
const name = process.env.SESSION_SECRET_NAME;
const key = randomBytes(36).toString('base64url');
const body = JSON.stringify({
  apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
  metadata: { name, namespace, labels: { 'app.kubernetes.io/name': 'offload', 'app.kubernetes.io/component': 'session-key' } },
  data: { 'session-secret': Buffer.from(key).toString('base64') },
});
const request = https.request({
  host: process.env.KUBERNETES_SERVICE_HOST,
  port: process.env.KUBERNETES_SERVICE_PORT,
  method: 'POST',
  path: `/api/v1/namespaces/${namespace}/secrets`,
  ca: readFileSync(`${dir}/ca.crt`),
  headers: { Authorization: `Bearer ${readFileSync(`${dir}/token`, 'utf8').trim()}`, 'Content-Type': 'application/json' },
}, (response) => {
  let text = '';
  response.on('data', (chunk) => { text += chunk; });
  response.on('end', () => {
    if (response.statusCode === 201) console.log(`created Secret ${namespace}/${name} with a new session key`);
    else if (response.statusCode === 409) console.log(`Secret ${namespace}/${name} exists: kept`);
    else {
      console.error(`could not create Secret ${namespace}/${name}: ${response.statusCode} ${text}`);
      process.exit(1);
    }
  });
});
request.on('error', (err) => {
  console.error(`could not reach the API server: ${err.message}`);
  process.exit(1);
});
request.end(body);
