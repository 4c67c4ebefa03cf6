package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
)

// PluginConfig holds the keys of the real plugin's SlurmConfig that the lab uses.
type PluginConfig struct {
	SbatchPath                string
	SqueuePath                string
	ScancelPath               string
	SingularityPath           string
	BashPath                  string
	DataRootFolder            string
	ImagePrefix               string
	SingularityDefaultOptions []string
	Resources                 PingResources
}

type plugin struct{ cfg *PluginConfig }

func runPlugin(args []string) error {
	fs := flag.NewFlagSet("plugin", flag.ExitOnError)
	listen := fs.String("listen", "127.0.0.1:4000", "address to serve on")
	cfgPath := fs.String("config", os.Getenv("SLURMCONFIGPATH"), "JSON config (SLURMCONFIGPATH)")
	_ = fs.Parse(args)
	cfg := &PluginConfig{
		SbatchPath: "/usr/bin/sbatch", SqueuePath: "/usr/bin/squeue", ScancelPath: "/usr/bin/scancel",
		SingularityPath: "singularity", BashPath: "/bin/bash", DataRootFolder: "/tmp/interlink-jobs",
		ImagePrefix: "docker://", SingularityDefaultOptions: []string{"--nv", "--no-eval", "--containall"},
		Resources: PingResources{CPU: "100", Memory: "3000G", Pods: "10000"},
	}
	if *cfgPath != "" {
		raw, err := os.ReadFile(*cfgPath)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(raw, cfg); err != nil {
			return fmt.Errorf("config %s: %w", *cfgPath, err)
		}
	}
	if err := os.MkdirAll(cfg.DataRootFolder, 0o755); err != nil {
		return err
	}
	p := &plugin{cfg: cfg}
	mux := http.NewServeMux()
	mux.HandleFunc("/create", p.create)
	mux.HandleFunc("/delete", p.delete)
	mux.HandleFunc("/status", p.status)
	mux.HandleFunc("/getLogs", p.logs)
	mux.HandleFunc("/ping", p.ping)
	log.Printf("Slurm plugin stand-in on %s, jobs in %s", *listen, cfg.DataRootFolder)
	srv := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	return srv.ListenAndServe()
}

func (p *plugin) jobDir(namespace, uid string) string {
	return filepath.Join(p.cfg.DataRootFolder, namespace+"-"+uid)
}

func (p *plugin) ping(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, PingResponse{Status: "ok", Resources: p.cfg.Resources, Taints: []v1.Taint{}})
}

func (p *plugin) create(w http.ResponseWriter, r *http.Request) {
	var req PodCreateRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	jid, err := p.submit(&req)
	if err != nil {
		log.Printf("create %s/%s: %v", req.Pod.Namespace, req.Pod.Name, err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	log.Printf("created %s/%s as Slurm job %s", req.Pod.Namespace, req.Pod.Name, jid)
	writeJSON(w, CreateStruct{PodUID: string(req.Pod.UID), PodJID: jid})
}

func (p *plugin) submit(req *PodCreateRequest) (string, error) {
	pod := &req.Pod
	dir := p.jobDir(pod.Namespace, string(pod.UID))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	binds, err := prepareVolumes(dir, pod, req.ConfigMaps, req.Secrets)
	if err != nil {
		return "", err
	}
	for _, c := range pod.Spec.Containers {
		if err := os.WriteFile(filepath.Join(dir, c.Name+".env"), []byte(envFile(&c)), 0o644); err != nil {
			return "", err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "job.sh"), []byte(renderJobScript(p.cfg, pod, dir, binds)), 0o755); err != nil {
		return "", err
	}
	sbatchFile := filepath.Join(dir, "job.slurm")
	if err := os.WriteFile(sbatchFile, []byte(renderSbatch(p.cfg, pod, dir)), 0o755); err != nil {
		return "", err
	}
	out, err := exec.Command(p.cfg.SbatchPath, "--parsable", sbatchFile).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("sbatch failed: %s", strings.TrimSpace(string(out)))
	}
	jid, _, _ := strings.Cut(strings.TrimSpace(string(out)), ";")
	if err := os.WriteFile(filepath.Join(dir, "JobID.jid"), []byte(jid), 0o644); err != nil {
		return "", err
	}
	return jid, nil
}

func (p *plugin) delete(w http.ResponseWriter, r *http.Request) {
	var pod v1.Pod
	if err := json.NewDecoder(r.Body).Decode(&pod); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	dir := p.jobDir(pod.Namespace, string(pod.UID))
	if jid, err := os.ReadFile(filepath.Join(dir, "JobID.jid")); err == nil {
		out, err := exec.Command(p.cfg.ScancelPath, strings.TrimSpace(string(jid))).CombinedOutput()
		log.Printf("scancel %s (%s/%s): %v %s", jid, pod.Namespace, pod.Name, err, out)
	}
	if err := os.RemoveAll(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (p *plugin) status(w http.ResponseWriter, r *http.Request) {
	var pods []v1.Pod
	if err := json.NewDecoder(r.Body).Decode(&pods); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	out := make([]PodStatus, 0, len(pods))
	for i := range pods {
		st, err := p.podStatus(&pods[i])
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		out = append(out, st)
	}
	writeJSON(w, out)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
