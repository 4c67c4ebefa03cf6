// oscar-job prints the batch/v1 Job that OSCAR 3.3.0 creates when an interLink service is
// invoked asynchronously (POST /job/<service>), built with OSCAR's own code: the pod spec
// from types.Service.ToPodSpec and types.SetInterlinkJob (pkg/types/service.go,
// pkg/types/interlink.go), assembled as handlers.MakeJobHandler does (pkg/handlers/job.go).
// The tests apply it with kubectl, as a Job created outside Offload.
//
//	oscar-job -service service.json -namespace alice < event
//
// service.json is OSCAR's service JSON; the event (the request body) is read from stdin.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/google/uuid"
	"github.com/grycap/oscar/v3/pkg/types"
	batchv1 "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func main() {
	servicePath := flag.String("service", "", "OSCAR service JSON file")
	namespace := flag.String("namespace", "oscar-svc", "OSCAR's services namespace (OSCAR_SERVICES_NAMESPACE)")
	supervisorImage := flag.String("supervisor-image", "ghcr.io/grycap/oscar-interlink-supervisor:latest", "OSCAR's SUPERVISOR_KIT_IMAGE")
	flag.Parse()
	if err := run(*servicePath, *namespace, *supervisorImage); err != nil {
		fmt.Fprintln(os.Stderr, "oscar-job:", err)
		os.Exit(1)
	}
}

func run(servicePath, namespace, supervisorImage string) error {
	raw, err := os.ReadFile(servicePath)
	if err != nil {
		return err
	}
	service := &types.Service{}
	if err := json.Unmarshal(raw, service); err != nil {
		return fmt.Errorf("%s is not an OSCAR service: %v", servicePath, err)
	}
	eventBytes, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	// What OSCAR's create handler stores with every service (checkValues, pkg/handlers/create.go).
	if service.Memory == "" {
		service.Memory = "256Mi"
	}
	if service.CPU == "" {
		service.CPU = "0.2"
	}
	if service.Labels == nil {
		service.Labels = map[string]string{}
	}
	service.Labels[types.ServiceLabel] = service.Name
	service.Labels[types.YunikornApplicationIDLabel] = service.Name
	service.Labels[types.YunikornQueueLabel] = fmt.Sprintf("%s.%s.%s", types.YunikornRootQueue, types.YunikornOscarQueue, service.Name)

	// OSCAR's configuration defaults (configVars, pkg/types/config.go) on an interLink cluster.
	cfg := &types.Config{
		InterLinkAvailable:          true,
		ServicesNamespace:           namespace,
		SupervisorKitImage:          supervisorImage,
		WatchdogMaxInflight:         1,
		WatchdogWriteDebug:          true,
		WatchdogReadTimeout:         300,
		WatchdogWriteTimeout:        300,
		WatchdogHealthCheckInterval: 5,
	}
	podSpec, err := service.ToPodSpec(cfg)
	if err != nil {
		return err
	}
	if service.InterLinkNodeName == "" {
		return fmt.Errorf("the service has no interlink_node_name")
	}
	command, event, args := types.SetInterlinkJob(podSpec, service, cfg, eventBytes)

	// From here on, MakeJobHandler (pkg/handlers/job.go), in its order.
	jobUUID := service.Name + "-" + uuid.New().String()
	jobUUIDVar := v1.EnvVar{Name: types.JobUUIDVariable, Value: jobUUID}
	resourceIDVar := v1.EnvVar{
		Name:      "RESOURCE_ID",
		ValueFrom: &v1.EnvVarSource{FieldRef: &v1.ObjectFieldSelector{FieldPath: "spec.nodeName"}},
	}
	podSpec.RestartPolicy = v1.RestartPolicyNever
	for i, c := range podSpec.Containers {
		if c.Name == types.ContainerName {
			podSpec.Containers[i].Command = command
			podSpec.Containers[i].Args = args
			podSpec.Containers[i].Env = append(podSpec.Containers[i].Env, event, jobUUIDVar, resourceIDVar)
		}
	}
	var backoffLimit int32
	job := &batchv1.Job{
		TypeMeta: metav1.TypeMeta{APIVersion: "batch/v1", Kind: "Job"},
		ObjectMeta: metav1.ObjectMeta{
			Name:        jobUUID,
			Namespace:   cfg.ServicesNamespace,
			Labels:      service.Labels,
			Annotations: service.Annotations,
		},
		Spec: batchv1.JobSpec{
			BackoffLimit: &backoffLimit,
			Template: v1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: service.Labels, Annotations: service.Annotations},
				Spec:       *podSpec,
			},
		},
	}
	return json.NewEncoder(os.Stdout).Encode(job)
}
