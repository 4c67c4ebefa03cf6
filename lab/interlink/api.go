package main

import (
	"flag"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"time"
)

// runAPI is the interLink API: between the virtual kubelet and the plugin. Like interLink's,
// it forwards create/delete/status/logs to the plugin and answers the kubelet's ping by
// asking the plugin, so stopping the plugin makes the node NotReady.
func runAPI(args []string) error {
	fs := flag.NewFlagSet("api", flag.ExitOnError)
	listen := fs.String("listen", "127.0.0.1:3000", "address to serve on")
	plugin := fs.String("plugin-url", "http://127.0.0.1:4000", "the Slurm plugin's URL")
	_ = fs.Parse(args)
	target, err := url.Parse(*plugin)
	if err != nil {
		return err
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.FlushInterval = -1 // logs stream in follow mode
	// One connection per request: a followed log stream never shares a pooled connection
	// with the short create/status calls made meanwhile.
	proxy.Transport = &http.Transport{DisableKeepAlives: true}
	proxy.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
		log.Printf("plugin unreachable for %s %s: %v", r.Method, r.URL.Path, err)
		http.Error(w, "plugin unreachable: "+err.Error(), http.StatusBadGateway)
	}
	mux := http.NewServeMux()
	for _, p := range []string{"/create", "/delete", "/status", "/getLogs"} {
		mux.Handle(p, proxy)
	}
	mux.HandleFunc("/pinglink", func(w http.ResponseWriter, r *http.Request) {
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/ping"
		proxy.ServeHTTP(w, r2)
	})
	log.Printf("interLink API on %s, plugin %s", *listen, *plugin)
	srv := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	return srv.ListenAndServe()
}
