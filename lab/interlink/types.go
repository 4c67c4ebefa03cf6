package main

import (
	"time"

	v1 "k8s.io/api/core/v1"
)

// Wire types between the roles, named after interLink's own (pkg/interlink/types.go).

// PodCreateRequest carries a pod and the ConfigMaps/Secrets its volumes reference.
type PodCreateRequest struct {
	Pod        v1.Pod         `json:"pod"`
	ConfigMaps []v1.ConfigMap `json:"configmaps"`
	Secrets    []v1.Secret    `json:"secrets"`
}

// CreateStruct is the plugin's answer to a create: the Slurm job id.
type CreateStruct struct {
	PodUID string `json:"PodUID"`
	PodJID string `json:"PodJID"`
}

// PodStatus is what the plugin reports for one pod.
type PodStatus struct {
	PodName      string               `json:"name"`
	PodUID       string               `json:"UID"`
	PodNamespace string               `json:"namespace"`
	JobID        string               `json:"JID"`
	Containers   []v1.ContainerStatus `json:"containers"`
}

// LogStruct asks for one container's logs.
type LogStruct struct {
	Namespace     string  `json:"Namespace"`
	PodUID        string  `json:"PodUID"`
	PodName       string  `json:"PodName"`
	ContainerName string  `json:"ContainerName"`
	Opts          LogOpts `json:"Opts"`
}

// LogOpts mirrors the kubelet's container log options.
type LogOpts struct {
	Tail         int       `json:"Tail"`
	LimitBytes   int       `json:"LimitBytes"`
	Timestamps   bool      `json:"Timestamps"`
	Follow       bool      `json:"Follow"`
	Previous     bool      `json:"Previous"`
	SinceSeconds int       `json:"SinceSeconds"`
	SinceTime    time.Time `json:"SinceTime"`
}

// PingResponse is the plugin's answer to a ping; the virtual kubelet stores it raw in the
// node annotation interlink.virtual-kubelet.io/ping-response.
type PingResponse struct {
	Status    string        `json:"status"`
	Resources PingResources `json:"resources"`
	Taints    []v1.Taint    `json:"taints"`
}

// PingResources is what the plugin says the site can run.
type PingResources struct {
	CPU          string        `json:"cpu"`
	Memory       string        `json:"memory"`
	Pods         string        `json:"pods"`
	Accelerators []Accelerator `json:"accelerators"`
}

// Accelerator is one kind of accelerator and how many are available.
type Accelerator struct {
	ResourceType string `json:"resourceType"`
	Available    int    `json:"available"`
}
