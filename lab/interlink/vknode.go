package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

const (
	labelVirtualNode = "virtual-node.interlink/type"
	taintNoSchedule  = "virtual-node.interlink/no-schedule"
	annPingResponse  = "interlink.virtual-kubelet.io/ping-response"
	condConnectivity = v1.NodeConditionType("InterlinkConnectivity")
	condOutOfDisk    = v1.NodeConditionType("OutOfDisk")
)

// buildNode is the node interLink registers: its labels, taint, providerID, nodeInfo and
// default capacity. At start-up Ready is False and NetworkUnavailable True, as in interLink.
func buildNode(name, internalIP, version string, kubeletPort int32) v1.Node {
	capacity := v1.ResourceList{
		v1.ResourceCPU:    resource.MustParse("100"),
		v1.ResourceMemory: resource.MustParse("3000G"),
		v1.ResourcePods:   resource.MustParse("10000"),
	}
	now := metav1.Now()
	cond := func(t v1.NodeConditionType, s v1.ConditionStatus, reason, msg string) v1.NodeCondition {
		return v1.NodeCondition{Type: t, Status: s, Reason: reason, Message: msg, LastHeartbeatTime: now, LastTransitionTime: now}
	}
	return v1.Node{
		ObjectMeta: metav1.ObjectMeta{
			Name: name,
			Labels: map[string]string{
				labelVirtualNode:         "virtual-kubelet",
				"kubernetes.io/role":     "agent",
				"kubernetes.io/hostname": name,
				"kubernetes.io/os":       "virtual-kubelet",
				"offload.lab/stand-in":   "interlink",
			},
			Annotations: map[string]string{annPingResponse: ""},
		},
		Spec: v1.NodeSpec{
			ProviderID: "external:///" + name,
			Taints:     []v1.Taint{{Key: taintNoSchedule, Value: "true", Effect: v1.TaintEffectNoSchedule}},
		},
		Status: v1.NodeStatus{
			Capacity:    capacity,
			Allocatable: capacity.DeepCopy(),
			NodeInfo: v1.NodeSystemInfo{
				Architecture:    "virtual-kubelet",
				OperatingSystem: "linux",
				KubeletVersion:  version,
			},
			Addresses:       []v1.NodeAddress{{Type: v1.NodeInternalIP, Address: internalIP}, {Type: v1.NodeHostName, Address: name}},
			DaemonEndpoints: v1.NodeDaemonEndpoints{KubeletEndpoint: v1.DaemonEndpoint{Port: kubeletPort}},
			Conditions: []v1.NodeCondition{
				cond(v1.NodeReady, v1.ConditionFalse, "KubeletPending", "kubelet is pending."),
				cond(condConnectivity, v1.ConditionFalse, "InterlinkPingPending", "waiting for the first ping"),
				cond(v1.NodeMemoryPressure, v1.ConditionFalse, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
				cond(v1.NodeDiskPressure, v1.ConditionFalse, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
				cond(condOutOfDisk, v1.ConditionFalse, "KubeletHasSufficientDisk", "kubelet has sufficient disk space available"),
				cond(v1.NodeNetworkUnavailable, v1.ConditionTrue, "NoRouteCreated", "RouteController failed to create a route"),
			},
		},
	}
}

// nodeHealth is the node provider: it pings the interLink API every interval and reports
// Ready/InterlinkConnectivity and the raw ping answer, as interLink's virtual kubelet does.
type nodeHealth struct {
	mu        sync.Mutex
	node      *v1.Node
	cb        func(*v1.Node)
	url       string
	interval  time.Duration
	firstPing time.Duration
	http      *http.Client
}

func (h *nodeHealth) Ping(context.Context) error { return nil }

func (h *nodeHealth) NotifyNodeStatus(ctx context.Context, cb func(*v1.Node)) {
	h.mu.Lock()
	h.cb = cb
	h.mu.Unlock()
	go h.loop(ctx)
}

func (h *nodeHealth) loop(ctx context.Context) {
	timer := time.NewTimer(h.firstPing)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		body, err := h.ping(ctx)
		h.apply(body, err)
		timer.Reset(h.interval)
	}
}

func (h *nodeHealth) ping(ctx context.Context) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url+"/pinglink", bytes.NewReader(nil))
	if err != nil {
		return nil, err
	}
	resp, err := h.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("interLink API answered %d: %s", resp.StatusCode, bytes.TrimSpace(body))
	}
	return body, nil
}

func (h *nodeHealth) apply(body []byte, pingErr error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := h.node.DeepCopy()
	now := metav1.Now()
	set := func(t v1.NodeConditionType, s v1.ConditionStatus, reason, msg string) {
		for i := range n.Status.Conditions {
			c := &n.Status.Conditions[i]
			if c.Type != t {
				continue
			}
			if c.Status != s {
				c.LastTransitionTime = now
			}
			c.Status, c.Reason, c.Message, c.LastHeartbeatTime = s, reason, msg, now
		}
	}
	if pingErr == nil {
		set(v1.NodeReady, v1.ConditionTrue, "KubeletReady", "kubelet is ready.")
		set(condConnectivity, v1.ConditionTrue, "InterlinkPingSuccessful", "Ping to InterLink API successful")
		set(v1.NodeNetworkUnavailable, v1.ConditionFalse, "RouteCreated", "RouteController created a route")
		n.Annotations[annPingResponse] = string(bytes.TrimSpace(body))
		applyPingResources(n, body)
	} else {
		msg := "Ping failed: " + pingErr.Error()
		set(v1.NodeReady, v1.ConditionFalse, "KubeletPending", msg)
		set(condConnectivity, v1.ConditionFalse, "InterlinkPingFailed", msg)
		n.Annotations[annPingResponse] = ""
	}
	h.node = n
	if h.cb != nil {
		h.cb(n.DeepCopy())
	}
}

// applyPingResources lets the plugin's ping answer override capacity and allocatable, as
// interLink does; accelerators appear only when non-zero.
func applyPingResources(n *v1.Node, body []byte) {
	var ping PingResponse
	if err := json.Unmarshal(body, &ping); err != nil {
		return
	}
	set := func(name v1.ResourceName, value string) {
		if q, err := resource.ParseQuantity(value); err == nil && value != "" {
			n.Status.Capacity[name] = q
			n.Status.Allocatable[name] = q
		}
	}
	set(v1.ResourceCPU, ping.Resources.CPU)
	set(v1.ResourceMemory, ping.Resources.Memory)
	set(v1.ResourcePods, ping.Resources.Pods)
	for _, a := range ping.Resources.Accelerators {
		if a.Available > 0 {
			set(v1.ResourceName(a.ResourceType), fmt.Sprint(a.Available))
		}
	}
}
