package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"sync"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/virtual-kubelet/virtual-kubelet/errdefs"
	"github.com/virtual-kubelet/virtual-kubelet/node/api"
	"github.com/virtual-kubelet/virtual-kubelet/node/nodeutil"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	statsv1alpha1 "k8s.io/kubelet/pkg/apis/stats/v1alpha1"
)

// provider keeps the pods bound to this node, forwards them to the interLink API and polls
// their status every few seconds, as interLink's virtual kubelet does.
type provider struct {
	node     string
	url      string
	client   kubernetes.Interface
	cfg      nodeutil.ProviderConfig
	interval time.Duration
	http     *http.Client

	mu     sync.Mutex
	pods   map[string]*v1.Pod
	notify func(*v1.Pod)
}

func newProvider(node, url string, client kubernetes.Interface, cfg nodeutil.ProviderConfig, interval time.Duration) *provider {
	return &provider{node: node, url: url, client: client, cfg: cfg, interval: interval,
		http: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}, pods: map[string]*v1.Pod{}}
}

func podKey(ns, name string) string { return ns + "/" + name }

func (p *provider) call(ctx context.Context, method, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, method, p.url+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := p.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, bytes.TrimSpace(raw))
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

func (p *provider) CreatePod(ctx context.Context, pod *v1.Pod) error {
	pod = pod.DeepCopy()
	now := metav1.Now()
	pod.Status = v1.PodStatus{
		Phase: v1.PodPending, StartTime: &now, HostIP: "127.0.0.1",
		Conditions: []v1.PodCondition{{Type: v1.PodScheduled, Status: v1.ConditionTrue, LastTransitionTime: now}},
	}
	for _, c := range pod.Spec.Containers {
		pod.Status.ContainerStatuses = append(pod.Status.ContainerStatuses, v1.ContainerStatus{
			Name: c.Name, Image: c.Image,
			State: v1.ContainerState{Waiting: &v1.ContainerStateWaiting{Reason: "ContainerCreating"}},
		})
	}
	if jid := pod.Annotations["JobID"]; jid != "" {
		// Already submitted before this virtual kubelet restarted: adopt it, the status loop
		// picks its state up from the plugin instead of submitting it a second time.
		p.mu.Lock()
		p.pods[podKey(pod.Namespace, pod.Name)] = pod
		p.mu.Unlock()
		return nil
	}
	req := PodCreateRequest{Pod: *pod}
	var err error
	req.ConfigMaps, req.Secrets, err = p.volumeSources(pod)
	var created CreateStruct
	if err == nil {
		err = p.call(ctx, http.MethodPost, "/create", req, &created)
	}
	if err != nil {
		// interLink marks a pod whose submission failed as Failed/ProviderFailed with the
		// error as message, every container terminated with exit code 1.
		log.Printf("create %s/%s failed: %v", pod.Namespace, pod.Name, err)
		pod.Status.Phase = v1.PodFailed
		pod.Status.Reason = "ProviderFailed"
		pod.Status.Message = err.Error()
		for i := range pod.Status.ContainerStatuses {
			pod.Status.ContainerStatuses[i].State = v1.ContainerState{Terminated: &v1.ContainerStateTerminated{
				ExitCode: 1, Reason: "ProviderFailed", Message: err.Error(), FinishedAt: now}}
		}
	} else {
		if pod.Annotations == nil {
			pod.Annotations = map[string]string{}
		}
		pod.Annotations["JobID"] = created.PodJID
		patch, _ := json.Marshal(map[string]any{"metadata": map[string]any{"annotations": map[string]string{"JobID": created.PodJID}}})
		if _, perr := p.client.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.MergePatchType, patch, metav1.PatchOptions{}); perr != nil {
			log.Printf("annotating %s/%s with JobID %s: %v", pod.Namespace, pod.Name, created.PodJID, perr)
		}
	}
	p.mu.Lock()
	p.pods[podKey(pod.Namespace, pod.Name)] = pod
	notify := p.notify
	p.mu.Unlock()
	if notify != nil {
		notify(pod.DeepCopy())
	}
	return nil
}

// volumeSources gathers the ConfigMaps and Secrets the pod's volumes name.
func (p *provider) volumeSources(pod *v1.Pod) ([]v1.ConfigMap, []v1.Secret, error) {
	var cms []v1.ConfigMap
	var secrets []v1.Secret
	for _, vol := range pod.Spec.Volumes {
		switch {
		case vol.ConfigMap != nil:
			cm, err := p.cfg.ConfigMaps.ConfigMaps(pod.Namespace).Get(vol.ConfigMap.Name)
			if err != nil {
				if vol.ConfigMap.Optional != nil && *vol.ConfigMap.Optional {
					continue
				}
				return nil, nil, fmt.Errorf("configmap %s: %w", vol.ConfigMap.Name, err)
			}
			cms = append(cms, *cm)
		case vol.Secret != nil:
			s, err := p.cfg.Secrets.Secrets(pod.Namespace).Get(vol.Secret.SecretName)
			if err != nil {
				if vol.Secret.Optional != nil && *vol.Secret.Optional {
					continue
				}
				return nil, nil, fmt.Errorf("secret %s: %w", vol.Secret.SecretName, err)
			}
			secrets = append(secrets, *s)
		}
	}
	return cms, secrets, nil
}

func (p *provider) UpdatePod(context.Context, *v1.Pod) error { return nil }

func (p *provider) DeletePod(ctx context.Context, pod *v1.Pod) error {
	if err := p.call(ctx, http.MethodPost, "/delete", pod, nil); err != nil {
		log.Printf("delete %s/%s: %v", pod.Namespace, pod.Name, err)
	}
	p.mu.Lock()
	key := podKey(pod.Namespace, pod.Name)
	stored, ok := p.pods[key]
	delete(p.pods, key)
	notify := p.notify
	p.mu.Unlock()
	if !ok {
		stored = pod.DeepCopy()
	}
	// The pod controller removes the pod from Kubernetes once every container is terminal.
	now := metav1.Now()
	stored.DeletionTimestamp = pod.DeletionTimestamp
	stored.Status.Phase = v1.PodFailed
	stored.Status.Reason = "ProviderPodDeleted"
	for i := range stored.Status.ContainerStatuses {
		cs := &stored.Status.ContainerStatuses[i]
		if cs.State.Terminated == nil {
			cs.State = v1.ContainerState{Terminated: &v1.ContainerStateTerminated{ExitCode: 143, Reason: "Error: 143", Message: "cancelled: pod deleted", FinishedAt: now}}
		}
	}
	if notify != nil {
		notify(stored)
	}
	return nil
}

func (p *provider) GetPod(_ context.Context, ns, name string) (*v1.Pod, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pod, ok := p.pods[podKey(ns, name)]
	if !ok {
		return nil, errdefs.NotFoundf("pod %s/%s not found", ns, name)
	}
	return pod.DeepCopy(), nil
}

func (p *provider) GetPodStatus(ctx context.Context, ns, name string) (*v1.PodStatus, error) {
	pod, err := p.GetPod(ctx, ns, name)
	if err != nil {
		return nil, err
	}
	return &pod.Status, nil
}

func (p *provider) GetPods(context.Context) ([]*v1.Pod, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]*v1.Pod, 0, len(p.pods))
	for _, pod := range p.pods {
		out = append(out, pod.DeepCopy())
	}
	return out, nil
}

// GetContainerLogs asks the interLink API, which asks the plugin (job.out + container output).
func (p *provider) GetContainerLogs(ctx context.Context, ns, name, container string, opts api.ContainerLogOpts) (io.ReadCloser, error) {
	pod, err := p.GetPod(ctx, ns, name)
	if err != nil {
		return nil, err
	}
	body, _ := json.Marshal(LogStruct{Namespace: ns, PodUID: string(pod.UID), PodName: name, ContainerName: container,
		Opts: LogOpts{Tail: opts.Tail, LimitBytes: opts.LimitBytes, Timestamps: opts.Timestamps, Follow: opts.Follow,
			Previous: opts.Previous, SinceSeconds: opts.SinceSeconds, SinceTime: opts.SinceTime}})
	open := func() (io.ReadCloser, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url+"/getLogs", bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		resp, err := p.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return nil, fmt.Errorf("logs: %d %s", resp.StatusCode, bytes.TrimSpace(raw))
		}
		return resp.Body, nil
	}
	rc, err := open()
	if err != nil || !opts.Follow {
		return rc, err
	}
	return &resumingReader{open: open, rc: rc}, nil
}

// resumingReader re-opens a followed log stream that broke off mid-way, skipping what was
// already delivered: the plugin's answer is the whole output so far, then what is appended.
type resumingReader struct {
	open    func() (io.ReadCloser, error)
	rc      io.ReadCloser
	read    int64
	retries int
}

func (r *resumingReader) Read(b []byte) (int, error) {
	for {
		n, err := r.rc.Read(b)
		r.read += int64(n)
		if err == nil || err == io.EOF || r.retries >= 3 {
			return n, err
		}
		if n > 0 {
			return n, nil // deliver these; the next Read meets the error again and resumes
		}
		log.Printf("log stream broke after %d bytes (%v): resuming", r.read, err)
		r.retries++
		r.rc.Close()
		next, oerr := r.open()
		if oerr != nil {
			return 0, err
		}
		if _, serr := io.CopyN(io.Discard, next, r.read); serr != nil {
			next.Close()
			return 0, err
		}
		r.rc = next
	}
}

func (r *resumingReader) Close() error { return r.rc.Close() }

func (p *provider) RunInContainer(context.Context, string, string, string, []string, api.AttachIO) error {
	return errdefs.InvalidInput("exec is not supported by interLink")
}

func (p *provider) AttachToContainer(context.Context, string, string, string, api.AttachIO) error {
	return errdefs.InvalidInput("attach is not supported by interLink")
}

func (p *provider) PortForward(context.Context, string, string, int32, io.ReadWriteCloser) error {
	return errdefs.InvalidInput("port-forward is not supported by interLink")
}

func (p *provider) GetStatsSummary(context.Context) (*statsv1alpha1.Summary, error) {
	return &statsv1alpha1.Summary{}, nil
}

func (p *provider) GetMetricsResource(context.Context) ([]*dto.MetricFamily, error) {
	return nil, nil
}

// NotifyPods registers the callback and starts the status loop.
func (p *provider) NotifyPods(ctx context.Context, cb func(*v1.Pod)) {
	p.mu.Lock()
	p.notify = cb
	p.mu.Unlock()
	go func() {
		t := time.NewTicker(p.interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				p.refresh(ctx)
			}
		}
	}()
}

// refresh asks the plugin for every pod that was submitted and not finished.
func (p *provider) refresh(ctx context.Context) {
	p.mu.Lock()
	var active []v1.Pod
	for _, pod := range p.pods {
		if pod.Annotations["JobID"] != "" && pod.Status.Phase != v1.PodSucceeded && pod.Status.Phase != v1.PodFailed {
			active = append(active, *pod)
		}
	}
	p.mu.Unlock()
	for i := range active {
		var statuses []PodStatus
		if err := p.call(ctx, http.MethodGet, "/status", []v1.Pod{active[i]}, &statuses); err != nil {
			log.Printf("status %s/%s: %v", active[i].Namespace, active[i].Name, err)
			continue
		}
		for _, st := range statuses {
			p.applyStatus(st)
		}
	}
}

func (p *provider) applyStatus(st PodStatus) {
	p.mu.Lock()
	pod, ok := p.pods[podKey(st.PodNamespace, st.PodName)]
	if !ok || string(pod.UID) != st.PodUID {
		p.mu.Unlock()
		return
	}
	next := pod.DeepCopy()
	next.Status.ContainerStatuses = vkContainerStatuses(st.Containers)
	next.Status.Phase = podPhase(next.Status.ContainerStatuses)
	next.Status.Conditions = podConditions(next.Status.Phase, next.Status.Conditions)
	changed := !equalStatus(pod.Status, next.Status)
	p.pods[podKey(st.PodNamespace, st.PodName)] = next
	notify := p.notify
	p.mu.Unlock()
	if changed && notify != nil {
		notify(next.DeepCopy())
	}
}
