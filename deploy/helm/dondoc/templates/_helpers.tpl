{{/* Names and labels. */}}
{{- define "dondoc.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dondoc.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A component's name: (list $ "api"). */}}
{{- define "dondoc.componentName" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
{{- printf "%s-%s" (include "dondoc.fullname" $root | trunc (sub 62 (len $component) | int) | trimSuffix "-") $component -}}
{{- end -}}

{{- define "dondoc.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "dondoc.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "dondoc.labels" -}}
{{- $root := index . 0 -}}
{{ include "dondoc.selectorLabels" . }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: dondoc
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{- define "dondoc.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/*
The settings. Names come from the README's Configuration table only.
  dondoc.settings.config  what config may hold
  dondoc.settings.chart   what the chart sets itself
  dondoc.settings.secret  what only the Secret may hold
*/}}
{{- define "dondoc.settings.config" -}}
PUBLIC_URL DATABASE_SSL DATABASE_POOL_SIZE MAIL_FROM ADMIN_EMAIL JWT_ACCESS_TTL_SECONDS JWT_REFRESH_TTL_SECONDS AUTH_MAX_FAILED_LOGINS AUTH_LOCKOUT_SECONDS AUTH_RATE_LIMIT_IP_PER_MINUTE AUTH_RATE_LIMIT_ACCOUNT_PER_MINUTE TRUST_PROXY MAIL_SEND_CONCURRENCY MAIL_POLL_INTERVAL_MS CALENDAR_REST_DAYS CALENDAR_START_OF_DAY CALENDAR_END_OF_DAY NOTIFY_UNTIL NOTIFY_WORKING_HOURS_ONLY STATISTICS_SNAPSHOT_INTERVAL_MS STATISTICS_SNAPSHOT_MAX_AGE_MS CALENDAR_CHANGE_SWEEP_INTERVAL_MS CALENDAR_CHANGE_SWEEP_AGE_MS TASK_CONTINUE_AS_NEW_EVENTS TASK_START_CONCURRENCY TASK_ACTION_WAIT_MS TASK_ACK_LINK_TTL_DAYS ACTIVITY_ALERT_ATTEMPTS EVIDENCE_ALLOWED_HOSTS EVIDENCE_TLS_CA_PATH EVIDENCE_TIMEOUT_MS EVIDENCE_MAX_REDIRECTS EVIDENCE_CHECK_CONCURRENCY EVIDENCE_MAX_RESPONSE_BYTES EVIDENCE_MAX_DATASET_BYTES CORS_ORIGINS BODY_LIMIT LOG_LEVEL
{{- end -}}
{{- define "dondoc.settings.chart" -}}
NODE_ENV HOST PORT TEMPORAL_ADDRESS TEMPORAL_NAMESPACE TEMPORAL_TASK_QUEUE TEMPORAL_TLS TEMPORAL_TLS_CERT_PATH TEMPORAL_TLS_KEY_PATH TEMPORAL_TLS_CA_PATH TEMPORAL_TLS_SERVER_NAME WORKFLOW_BUNDLE_PATH
{{- end -}}
{{- define "dondoc.settings.secret" -}}
DATABASE_URL SMTP_URL JWT_SECRET ADMIN_PASSWORD TEMPORAL_API_KEY
{{- end -}}

{{/* A value as an environment variable's text: whole numbers without an exponent (values files give float64). */}}
{{- define "dondoc.envValue" -}}
{{- if kindIs "float64" . -}}
{{- if eq (float64 (int64 .)) . -}}{{ int64 . }}{{- else -}}{{ . }}{{- end -}}
{{- else -}}
{{- toString . -}}
{{- end -}}
{{- end -}}

{{/* Fails the render on a missing required value or a misplaced setting; renders nothing otherwise. */}}
{{- define "dondoc.validate" -}}
{{- $_ := required "secrets.existingSecret is required: the name of the existing Secret with DATABASE_URL, JWT_SECRET and SMTP_URL (see deploy/README.md)" .Values.secrets.existingSecret -}}
{{- $publicUrl := required "config.PUBLIC_URL is required: the address users open, e.g. https://dondoc.example.gov.vn" .Values.config.PUBLIC_URL -}}
{{- if not (regexMatch "^https?://" (toString $publicUrl)) -}}
{{- fail (printf "config.PUBLIC_URL must start with http:// or https:// (got %s)" $publicUrl) -}}
{{- end -}}
{{- $allowed := splitList " " (include "dondoc.settings.config" .) -}}
{{- $chart := splitList " " (include "dondoc.settings.chart" .) -}}
{{- $secret := splitList " " (include "dondoc.settings.secret" .) -}}
{{- range $key, $value := .Values.config -}}
{{- if has $key $secret -}}
{{- fail (printf "config.%s is a secret: put it in the Secret %s under the key %s, never in values" $key $.Values.secrets.existingSecret $key) -}}
{{- else if has $key $chart -}}
{{- fail (printf "config.%s is set by the chart (see temporal.*, api.port); remove it from config" $key) -}}
{{- else if not (has $key $allowed) -}}
{{- fail (printf "config.%s is not a dondoc setting (README, Configuration)" $key) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.temporal.tls.clientCertificate (not .Values.temporal.tls.secretName) -}}
{{- fail "temporal.tls.clientCertificate needs temporal.tls.secretName (the Secret with tls.crt and tls.key)" -}}
{{- end -}}
{{- if and .Values.temporal.tls.ca (not .Values.temporal.tls.secretName) -}}
{{- fail "temporal.tls.ca needs temporal.tls.secretName (the Secret with ca.crt)" -}}
{{- end -}}
{{- end -}}

{{/* TEMPORAL_ADDRESS. */}}
{{- define "dondoc.temporalAddress" -}}
{{- default (printf "%s-frontend:7233" .Values.temporal.releaseName) .Values.temporal.address -}}
{{- end -}}

{{/* An environment entry read from the Secret: (list $ "KEY"). */}}
{{- define "dondoc.secretEnv" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
- name: {{ $key }}
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.secrets.existingSecret }}
      key: {{ $key }}
{{- end -}}

{{/* The environment of the API and the worker besides the ConfigMap: the Secret's keys (and the CA bundle's path). */}}
{{- define "dondoc.secretEnvs" -}}
{{- with include "dondoc.caEnv" . }}{{ . }}
{{ end -}}
{{ include "dondoc.secretEnv" (list . "DATABASE_URL") }}
{{ include "dondoc.secretEnv" (list . "JWT_SECRET") }}
{{ include "dondoc.secretEnv" (list . "SMTP_URL") }}
{{- if .Values.config.ADMIN_EMAIL }}
{{ include "dondoc.secretEnv" (list . "ADMIN_PASSWORD") }}
{{- end }}
{{- if .Values.temporal.apiKey }}
{{ include "dondoc.secretEnv" (list . "TEMPORAL_API_KEY") }}
{{- end }}
{{- end -}}

{{/* The pod spec fields every pod of the chart shares. */}}
{{- define "dondoc.podCommon" -}}
automountServiceAccountToken: false
{{- with .Values.serviceAccountName }}
serviceAccountName: {{ . }}
{{- end }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end -}}

{{/* The extra CA certificates: environment, volume, mount (each renders nothing when not configured). */}}
{{- define "dondoc.caEnv" -}}
{{- if .Values.extraCaCertificates.configMapName -}}
- name: NODE_EXTRA_CA_CERTS
  value: /etc/dondoc/extra-ca/ca.crt
{{- end -}}
{{- end -}}
{{- define "dondoc.caVolume" -}}
{{- with .Values.extraCaCertificates.configMapName -}}
- name: extra-ca
  configMap:
    name: {{ . }}
    items:
      - key: {{ $.Values.extraCaCertificates.key }}
        path: ca.crt
{{- end -}}
{{- end -}}
{{- define "dondoc.caVolumeMount" -}}
{{- if .Values.extraCaCertificates.configMapName -}}
- name: extra-ca
  mountPath: /etc/dondoc/extra-ca
  readOnly: true
{{- end -}}
{{- end -}}

{{/* Volumes of the API and the worker: /tmp, the extra CA certificates and the Temporal TLS Secret when configured. */}}
{{- define "dondoc.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- with include "dondoc.caVolume" . }}
{{ . }}
{{- end }}
{{- if .Values.temporal.tls.secretName }}
- name: temporal-tls
  secret:
    secretName: {{ .Values.temporal.tls.secretName }}
{{- end }}
{{- end -}}

{{- define "dondoc.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- with include "dondoc.caVolumeMount" . }}
{{ . }}
{{- end }}
{{- if .Values.temporal.tls.secretName }}
- name: temporal-tls
  mountPath: /etc/dondoc/temporal-tls
  readOnly: true
{{- end }}
{{- end -}}
