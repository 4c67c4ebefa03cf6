// Where OSCAR mounts a service's ConfigMap and Secret in the job's container (OSCAR pkg/types/service.go).
// Apart from env-encoding.ts so that the bind-mount rules, which the composer page loads,
// do not bring the environment encoding with them.

/** OSCAR mounts the service's ConfigMap here and calls the script `script.sh` (OSCAR pkg/types/service.go, ConfigPath). */
export const CONFIG_MOUNT_PATH = '/oscar/config';
export const SECRETS_MOUNT_PATH = '/oscar/secrets';
