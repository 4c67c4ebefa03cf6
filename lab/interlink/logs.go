package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// logPollInterval matches the plugin's follow mode, which re-reads the files about every 4 s.
const logPollInterval = 4 * time.Second

// logs returns the batch script's own output (job.out) followed by the container's, as the
// plugin does. Timestamps are ignored, as by the plugin.
func (p *plugin) logs(w http.ResponseWriter, r *http.Request) {
	var req LogStruct
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	dir := p.jobDir(req.Namespace, req.PodUID)
	if _, err := os.Stat(dir); err != nil {
		http.Error(w, "no job for this pod", http.StatusNotFound)
		return
	}
	read := func() []byte {
		a, _ := os.ReadFile(filepath.Join(dir, "job.out"))
		b, _ := os.ReadFile(filepath.Join(dir, req.ContainerName+".out"))
		return append(a, b...)
	}
	content := read()
	first := content
	if req.Opts.Tail > 0 {
		first = tailLines(first, req.Opts.Tail)
	}
	if req.Opts.LimitBytes > 0 && len(first) > req.Opts.LimitBytes {
		first = first[:req.Opts.LimitBytes]
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write(first)
	if !req.Opts.Follow || req.Opts.LimitBytes > 0 {
		return
	}
	flusher, _ := w.(http.ResponseWriter).(http.Flusher)
	sent := len(content)
	for {
		if flusher != nil {
			flusher.Flush()
		}
		finished := p.containerFinished(dir, req.ContainerName)
		select {
		case <-r.Context().Done():
			return
		case <-time.After(logPollInterval):
		}
		now := read()
		if len(now) > sent {
			_, _ = w.Write(now[sent:])
			sent = len(now)
		}
		if finished {
			return
		}
	}
}

func (p *plugin) containerFinished(dir, container string) bool {
	if _, err := os.Stat(filepath.Join(dir, container+".status")); err == nil {
		return true
	}
	jid, err := os.ReadFile(filepath.Join(dir, "JobID.jid"))
	if err != nil {
		return true
	}
	sq, err := p.squeue(strings.TrimSpace(string(jid)))
	if err != nil || sq == nil {
		return err == nil
	}
	switch sq.state {
	case "PD", "S", "R", "CG", "CF", "RQ", "RF":
		return false
	}
	return true
}

func tailLines(b []byte, n int) []byte {
	lines := bytes.SplitAfter(b, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	if len(lines) <= n {
		return b
	}
	return bytes.Join(lines[len(lines)-n:], nil)
}
