# The site's settings of Offload's admission policy (deploy/admission/), for this lab: the
# virtual nodes, binds only from /tmp (where tests make their data) and /shared (the paths of
# the templates and browser journeys, absent here), never from the lab's own
# directory (the plugins' job directories, kubeconfigs, keys), and the virtual kubelets'
# identity exempt (they write JobID on the pods they run).
apiVersion: v1
kind: Namespace
metadata: {name: offload-system}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: offload-admission, namespace: offload-system}
data:
  virtualNodes: "${VIRTUAL_NODES}"
  allowedBindRoots: "/tmp /shared"
  refusedBindRoots: "${LAB}"
  exemptGroups: "offload-lab:virtual-kubelets"
  exemptUsers: ""
  namespaceFlavors: ""
  preExec: "allow"
