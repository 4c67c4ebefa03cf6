// Command interlink-lab is the lab's stand-in for interLink: the Go module proxy refuses
// github.com/interlink-hq/interlink and the Slurm plugin (403), so the lab reproduces their
// observable behaviour (see README "interLink stand-in"). Three roles, one binary, so the
// lab keeps interLink's shape: virtual kubelet -> interLink API -> Slurm plugin -> Slurm.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: interlink-lab vk|api|plugin [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "vk":
		err = runVK(os.Args[2:])
	case "api":
		err = runAPI(os.Args[2:])
	case "plugin":
		err = runPlugin(os.Args[2:])
	default:
		err = fmt.Errorf("unknown role %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "interlink-lab:", err)
		os.Exit(1)
	}
}
