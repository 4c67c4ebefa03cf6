apiVersion: v1
kind: Namespace
metadata:
  name: ${USER_NAME}
  labels: {offload.io/owner: "${USER_NAME}"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: offload-lab:researcher
  namespace: ${USER_NAME}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: offload-lab:researcher}
subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: User, name: "${USER_NAME}"}
