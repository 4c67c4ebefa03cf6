{{- define "offload.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "offload.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "offload.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "offload.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "offload.labels" -}}
app.kubernetes.io/name: {{ include "offload.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "offload.selectorLabels" -}}
app.kubernetes.io/name: {{ include "offload.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "offload.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "offload.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "offload.secretName" -}}
{{- default (include "offload.fullname" .) .Values.session.existingSecret -}}
{{- end -}}

{{- /* The Secret holding session-secret: the named one, the chart's own when the key is a value, else the one the init container makes. */}}
{{- define "offload.sessionSecretName" -}}
{{- if .Values.session.existingSecret -}}
{{- .Values.session.existingSecret -}}
{{- else if .Values.session.secret -}}
{{- include "offload.fullname" . -}}
{{- else -}}
{{- include "offload.fullname" . }}-session
{{- end -}}
{{- end -}}

{{- define "offload.makesSessionSecret" -}}
{{- if not (or .Values.session.existingSecret .Values.session.secret) }}true{{ end -}}
{{- end -}}
