package main

import (
	"fmt"
	"reflect"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// vkContainerStatuses applies interLink's virtual-kubelet rewrite: a terminated container's
// reason becomes "Completed" or "Error: <code>", and the plugin's own reason
// (SlurmJobTimeout, OOMKilled) survives only in the message.
func vkContainerStatuses(in []v1.ContainerStatus) []v1.ContainerStatus {
	out := make([]v1.ContainerStatus, len(in))
	for i, cs := range in {
		cs = *cs.DeepCopy()
		if t := cs.State.Terminated; t != nil {
			if t.Reason != "" && t.Reason != "Completed" && t.Reason != "Error" {
				t.Message = t.Reason
			}
			if t.ExitCode == 0 {
				t.Reason = "Completed"
			} else {
				t.Reason = fmt.Sprintf("Error: %d", t.ExitCode)
			}
		}
		out[i] = cs
	}
	return out
}

// podPhase: any container waiting -> Pending; any running -> Running; all terminated ->
// Succeeded when every exit code is 0, else Failed.
func podPhase(cs []v1.ContainerStatus) v1.PodPhase {
	allDone, allZero := true, true
	for _, c := range cs {
		switch {
		case c.State.Waiting != nil:
			return v1.PodPending
		case c.State.Running != nil:
			allDone = false
		case c.State.Terminated != nil:
			if c.State.Terminated.ExitCode != 0 {
				allZero = false
			}
		}
	}
	switch {
	case !allDone:
		return v1.PodRunning
	case allZero:
		return v1.PodSucceeded
	default:
		return v1.PodFailed
	}
}

func podConditions(phase v1.PodPhase, old []v1.PodCondition) []v1.PodCondition {
	ready := v1.ConditionFalse
	if phase == v1.PodRunning {
		ready = v1.ConditionTrue
	}
	out := []v1.PodCondition{}
	now := metav1.Now()
	for _, c := range old {
		if c.Type != v1.PodReady && c.Type != v1.ContainersReady {
			out = append(out, c)
		}
	}
	var prev v1.ConditionStatus
	for _, c := range old {
		if c.Type == v1.PodReady {
			prev = c.Status
		}
	}
	ts := now
	if prev == ready {
		for _, c := range old {
			if c.Type == v1.PodReady {
				ts = c.LastTransitionTime
			}
		}
	}
	out = append(out,
		v1.PodCondition{Type: v1.PodReady, Status: ready, LastTransitionTime: ts},
		v1.PodCondition{Type: v1.ContainersReady, Status: ready, LastTransitionTime: ts})
	return out
}

func equalStatus(a, b v1.PodStatus) bool { return reflect.DeepEqual(a, b) }
