package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// squeueState is one line of `squeue -O exit_code,StateCompact,StartTime,EndTime`.
type squeueState struct {
	exitCode int32
	state    string
	start    time.Time
	end      time.Time
}

func (p *plugin) squeue(jid string) (*squeueState, error) {
	// The plugin's own query, plus start/end times for the container timestamps.
	out, err := exec.Command(p.cfg.SqueuePath, "--noheader", "-a", "--states=all",
		"-O", "exit_code:10,StateCompact:10,StartTime:25,EndTime:25", "-j", jid).CombinedOutput()
	if err != nil {
		// Slurm forgets finished jobs after MinJobAge: then the status files speak.
		if strings.Contains(string(out), "Invalid job id") {
			return nil, nil
		}
		return nil, fmt.Errorf("squeue: %s", strings.TrimSpace(string(out)))
	}
	fields := strings.Fields(string(out))
	if len(fields) < 2 {
		return nil, nil
	}
	st := &squeueState{state: fields[1]}
	// exit_code reads "code:signal"; like the plugin, only the code is parsed, so a job
	// killed by a signal (a time-out) can read as exit 0.
	code, _, _ := strings.Cut(fields[0], ":")
	if n, err := strconv.Atoi(code); err == nil {
		st.exitCode = int32(n)
	}
	if len(fields) >= 4 {
		st.start, _ = time.ParseInLocation("2006-01-02T15:04:05", fields[2], time.Local)
		st.end, _ = time.ParseInLocation("2006-01-02T15:04:05", fields[3], time.Local)
	}
	return st, nil
}

// podStatus maps the Slurm state to container states as plugin 0.6.1 does.
func (p *plugin) podStatus(pod *v1.Pod) (PodStatus, error) {
	dir := p.jobDir(pod.Namespace, string(pod.UID))
	jidRaw, err := os.ReadFile(filepath.Join(dir, "JobID.jid"))
	if err != nil {
		return PodStatus{}, fmt.Errorf("no job for pod %s/%s", pod.Namespace, pod.Name)
	}
	jid := strings.TrimSpace(string(jidRaw))
	sq, err := p.squeue(jid)
	if err != nil {
		return PodStatus{}, err
	}
	res := PodStatus{PodName: pod.Name, PodUID: string(pod.UID), PodNamespace: pod.Namespace, JobID: jid}
	for _, c := range pod.Spec.Containers {
		res.Containers = append(res.Containers, containerState(dir, c, sq))
	}
	return res, nil
}

func containerState(dir string, c v1.Container, sq *squeueState) v1.ContainerStatus {
	cs := v1.ContainerStatus{Name: c.Name, Image: c.Image}
	fileCode, haveFile := readExitStatus(filepath.Join(dir, c.Name+".status"))
	terminated := func(code int32, reason string) {
		t := &v1.ContainerStateTerminated{ExitCode: code, Reason: reason}
		if sq != nil && !sq.start.IsZero() {
			t.StartedAt = metav1.NewTime(sq.start)
		}
		if sq != nil && !sq.end.IsZero() {
			t.FinishedAt = metav1.NewTime(sq.end)
		} else {
			t.FinishedAt = metav1.Now()
		}
		cs.State = v1.ContainerState{Terminated: t}
	}
	if sq == nil {
		if haveFile {
			terminated(fileCode, "Completed")
		} else {
			cs.State = v1.ContainerState{Waiting: &v1.ContainerStateWaiting{Reason: "Pending"}}
		}
		return cs
	}
	switch sq.state {
	case "PD", "S", "CF", "RQ", "RF":
		cs.State = v1.ContainerState{Waiting: &v1.ContainerStateWaiting{Reason: "Pending", Message: "queued in Slurm"}}
	case "R", "CG":
		started := metav1.Now()
		if !sq.start.IsZero() {
			started = metav1.NewTime(sq.start)
		}
		cs.State = v1.ContainerState{Running: &v1.ContainerStateRunning{StartedAt: started}}
		cs.Ready = true
	case "CD":
		terminated(fileCode, "Completed")
	case "TO":
		terminated(sq.exitCode, "SlurmJobTimeout")
	case "OOM":
		terminated(sq.exitCode, "OOMKilled")
	default: // F, CA, PR, ST, NF, BF, DL ...
		code := sq.exitCode
		if haveFile {
			code = fileCode
		}
		if code == 0 {
			code = 1
		}
		terminated(code, "Error")
	}
	return cs
}

func readExitStatus(path string) (int32, bool) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	if err != nil {
		return 0, false
	}
	return int32(n), true
}

// prepareVolumes writes ConfigMap/Secret volumes as files and creates emptyDirs, returning
// the host directory to bind for each volume name. Projected service-account volumes are
// not shipped to the HPC side, as with interLink.
func prepareVolumes(dir string, pod *v1.Pod, cms []v1.ConfigMap, secrets []v1.Secret) (map[string]string, error) {
	binds := map[string]string{}
	cmByName := map[string]*v1.ConfigMap{}
	for i := range cms {
		cmByName[cms[i].Name] = &cms[i]
	}
	secByName := map[string]*v1.Secret{}
	for i := range secrets {
		secByName[secrets[i].Name] = &secrets[i]
	}
	for _, vol := range pod.Spec.Volumes {
		target := filepath.Join(dir, "volumes", vol.Name)
		files := map[string][]byte{}
		switch {
		case vol.ConfigMap != nil:
			cm, ok := cmByName[vol.ConfigMap.Name]
			if !ok {
				if vol.ConfigMap.Optional != nil && *vol.ConfigMap.Optional {
					continue
				}
				return nil, fmt.Errorf("configmap %q not found", vol.ConfigMap.Name)
			}
			for k, v := range cm.Data {
				files[k] = []byte(v)
			}
			for k, v := range cm.BinaryData {
				files[k] = v
			}
			files = selectItems(files, vol.ConfigMap.Items)
		case vol.Secret != nil:
			s, ok := secByName[vol.Secret.SecretName]
			if !ok {
				if vol.Secret.Optional != nil && *vol.Secret.Optional {
					continue
				}
				return nil, fmt.Errorf("secret %q not found", vol.Secret.SecretName)
			}
			for k, v := range s.Data {
				files[k] = v
			}
			files = selectItems(files, vol.Secret.Items)
		case vol.EmptyDir != nil:
		case vol.HostPath != nil:
			binds[vol.Name] = vol.HostPath.Path
			continue
		default:
			continue
		}
		if err := os.MkdirAll(target, 0o777); err != nil {
			return nil, err
		}
		for name, content := range files {
			path := filepath.Join(target, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(path, content, 0o755); err != nil {
				return nil, err
			}
		}
		binds[vol.Name] = target
	}
	return binds, nil
}

func selectItems(files map[string][]byte, items []v1.KeyToPath) map[string][]byte {
	if len(items) == 0 {
		return files
	}
	out := map[string][]byte{}
	for _, it := range items {
		if v, ok := files[it.Key]; ok {
			out[it.Path] = v
		}
	}
	return out
}
