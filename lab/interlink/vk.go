package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/virtual-kubelet/virtual-kubelet/node"
	"github.com/virtual-kubelet/virtual-kubelet/node/nodeutil"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

func runVK(args []string) error {
	fs := flag.NewFlagSet("vk", flag.ExitOnError)
	name := fs.String("node", "", "node name")
	apiURL := fs.String("interlink-url", "http://127.0.0.1:3000", "interLink API URL")
	port := fs.Int("kubelet-port", 5820, "kubelet HTTPS port (logs)")
	ip := fs.String("internal-ip", "127.0.0.1", "node InternalIP (POD_IP in interLink)")
	kubeconfig := fs.String("kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig")
	cert := fs.String("cert", "", "kubelet serving certificate")
	key := fs.String("key", "", "kubelet serving key")
	version := fs.String("version", "0.6.2-lab", "reported kubeletVersion")
	pingInterval := fs.Duration("ping-interval", 30*time.Second, "interval between pings")
	firstPing := fs.Duration("first-ping", 2*time.Second, "delay before the first ping")
	statusInterval := fs.Duration("status-interval", 5*time.Second, "pod status poll interval")
	_ = fs.Parse(args)
	if *name == "" || *cert == "" || *key == "" {
		return fmt.Errorf("--node, --cert and --key are required")
	}
	restCfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		return err
	}
	restCfg.UserAgent = "interlink-lab-vk/" + *name
	client, err := kubernetes.NewForConfig(restCfg)
	if err != nil {
		return err
	}
	spec := buildNode(*name, *ip, *version, int32(*port))
	health := &nodeHealth{
		node: spec.DeepCopy(), url: *apiURL, interval: *pingInterval, firstPing: *firstPing,
		http: &http.Client{Timeout: 15 * time.Second},
	}
	mux := http.NewServeMux()
	n, err := nodeutil.NewNode(*name,
		func(pc nodeutil.ProviderConfig) (nodeutil.Provider, node.NodeProvider, error) {
			return newProvider(*name, *apiURL, client, pc, *statusInterval), health, nil
		},
		nodeutil.WithClient(client),
		func(cfg *nodeutil.NodeConfig) error {
			cfg.NodeSpec = spec
			cfg.HTTPListenAddr = fmt.Sprintf("%s:%d", *ip, *port)
			cfg.Handler = mux
			cfg.NumWorkers = 4
			return nil
		},
		nodeutil.AttachProviderRoutes(mux),
		nodeutil.WithTLSConfig(nodeutil.WithKeyPairFromPath(*cert, *key)),
	)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Printf("virtual kubelet %s: interLink API %s, kubelet port %d", *name, *apiURL, *port)
	return n.Run(ctx)
}
