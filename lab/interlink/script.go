package main

import (
	"fmt"
	"math"
	"strings"

	v1 "k8s.io/api/core/v1"
)

// Annotation keys the Slurm plugin 0.6.1 reads.
const (
	annFlags              = "slurm-job.vk.io/flags"
	annPreExec            = "slurm-job.vk.io/pre-exec"
	annSingularityMounts  = "slurm-job.vk.io/singularity-mounts"
	annSingularityOptions = "slurm-job.vk.io/singularity-options"
	annImageRoot          = "slurm-job.vk.io/image-root"
	annLegacyMounts       = "job.vk.io/singularity-mounts"
)

// sbatchFlags reproduces plugin 0.6.1 exactly, quirks included (the dashboard must absorb
// them, the lab must not fix them): the annotation is split on single spaces and every piece
// becomes its own #SBATCH line; CPU/memory limits beat annotation flags; without limits the
// plugin adds --cpus-per-task=1 and --mem=1 (one megabyte) before the annotation's flags;
// duplicates are removed by flag name keeping the last.
func sbatchFlags(pod *v1.Pod) []string {
	var cpuLimit, memLimitMB int64
	for _, c := range pod.Spec.Containers {
		if q, ok := c.Resources.Limits[v1.ResourceCPU]; ok {
			cpuLimit += int64(math.Ceil(float64(q.MilliValue()) / 1000))
		}
		if q, ok := c.Resources.Limits[v1.ResourceMemory]; ok {
			memLimitMB += q.Value() / (1024 * 1024)
		}
	}
	var flags []string
	if cpuLimit == 0 {
		flags = append(flags, "--cpus-per-task=1")
	}
	if memLimitMB == 0 {
		flags = append(flags, "--mem=1")
	}
	if raw, ok := pod.Annotations[annFlags]; ok && raw != "" {
		for _, piece := range strings.Split(raw, " ") {
			name := flagName(piece)
			if (cpuLimit > 0 && name == "--cpus-per-task") || (memLimitMB > 0 && name == "--mem") {
				continue
			}
			flags = append(flags, piece)
		}
	}
	if cpuLimit > 0 {
		flags = append(flags, fmt.Sprintf("--cpus-per-task=%d", cpuLimit))
	}
	if memLimitMB > 0 {
		flags = append(flags, fmt.Sprintf("--mem=%d", memLimitMB))
	}
	return dedupeKeepLast(flags)
}

func flagName(piece string) string {
	name, _, _ := strings.Cut(piece, "=")
	return name
}

func dedupeKeepLast(flags []string) []string {
	last := map[string]int{}
	for i, f := range flags {
		last[flagName(f)] = i
	}
	var out []string
	for i, f := range flags {
		if last[flagName(f)] == i {
			out = append(out, f)
		}
	}
	return out
}

// renderSbatch writes the batch file. Like 0.6.1 it writes the pre-exec text and appends
// " " + the job script's path on the same line: a pre-exec without a trailing newline makes
// the job script an argument of its last command.
func renderSbatch(cfg *PluginConfig, pod *v1.Pod, dir string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#!%s\n", cfg.BashPath)
	fmt.Fprintf(&b, "#SBATCH --job-name=%s\n", pod.UID)
	fmt.Fprintf(&b, "#SBATCH --output=%s/job.out\n", dir)
	for _, f := range sbatchFlags(pod) {
		fmt.Fprintf(&b, "#SBATCH %s\n", f)
	}
	b.WriteString("\n")
	b.WriteString(pod.Annotations[annPreExec])
	b.WriteString(" " + dir + "/job.sh\n")
	return b.String()
}

// renderJobScript writes job.sh: one singularity command per container, each with its own
// output and exit-status files, which the status and log handlers read.
func renderJobScript(cfg *PluginConfig, pod *v1.Pod, dir string, volumeBinds map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#!%s\n", cfg.BashPath)
	b.WriteString("set +e\n")
	for _, c := range pod.Spec.Containers {
		fmt.Fprintf(&b, "%s\n", singularityCommand(cfg, pod, &c, dir, volumeBinds))
		fmt.Fprintf(&b, "echo $? > %s/%s.status\n", dir, c.Name)
	}
	return b.String()
}

func singularityCommand(cfg *PluginConfig, pod *v1.Pod, c *v1.Container, dir string, volumeBinds map[string]string) string {
	verb := "run"
	if len(c.Command) > 0 {
		verb = "exec"
	}
	parts := []string{cfg.SingularityPath, verb}
	parts = append(parts, cfg.SingularityDefaultOptions...)
	if o := pod.Annotations[annSingularityOptions]; o != "" {
		parts = append(parts, o) // verbatim, as the plugin does
	}
	for _, m := range c.VolumeMounts {
		if src, ok := volumeBinds[m.Name]; ok {
			bind := src + ":" + m.MountPath
			if m.ReadOnly {
				bind += ":ro"
			}
			parts = append(parts, "--bind", shellQuote(bind))
		}
	}
	if m := pod.Annotations[annSingularityMounts]; m != "" {
		parts = append(parts, m)
	}
	parts = append(parts, "--env-file", shellQuote(dir+"/"+c.Name+".env"))
	parts = append(parts, shellQuote(imageRef(pod, c.Image, cfg.ImagePrefix)))
	for _, a := range append(append([]string{}, c.Command...), c.Args...) {
		parts = append(parts, shellQuote(a))
	}
	return strings.Join(parts, " ") + " &> " + shellQuote(dir+"/"+c.Name+".out")
}

// imageRef adds no prefix to absolute paths or references that already have a scheme.
func imageRef(pod *v1.Pod, image, defaultPrefix string) string {
	if strings.HasPrefix(image, "/") || strings.Contains(image, "://") {
		return image
	}
	prefix := defaultPrefix
	if root, ok := pod.Annotations[annImageRoot]; ok && root != "" {
		prefix = root
	}
	return prefix + image
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// envFile renders KEY=VALUE lines, single-quoted, for the stand-in's --env-file.
func envFile(c *v1.Container) string {
	var b strings.Builder
	for _, e := range c.Env {
		fmt.Fprintf(&b, "%s=%s\n", e.Name, shellQuote(e.Value))
	}
	return b.String()
}
