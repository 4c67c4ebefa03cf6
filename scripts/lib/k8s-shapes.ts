// The few fields of Kubernetes objects these tests read.
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface NodeObj {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { taints?: { key: string; value?: string; effect: string }[] };
  status: { conditions?: Condition[] };
}

export interface PodObj {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { nodeName?: string };
  status: {
    phase?: string;
    containerStatuses?: { state?: { terminated?: { exitCode: number; reason?: string; message?: string } } }[];
  };
}

export function condition(obj: { status: { conditions?: Condition[] } }, type: string): Condition | undefined {
  return obj.status.conditions?.find((c) => c.type === type);
}
