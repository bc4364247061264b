{{- define "atrium.fullname" -}}{{ .Release.Name }}-atrium{{- end -}}

{{- define "atrium.labels" -}}
app.kubernetes.io/name: atrium
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Environment shared by every Atrium container. */}}
{{- define "atrium.env" -}}
- name: DATABASE_URL
  valueFrom: { secretKeyRef: { name: {{ .Values.databaseUrlSecret.name }}, key: {{ .Values.databaseUrlSecret.key }} } }
- name: REDIS_URL
  valueFrom: { secretKeyRef: { name: {{ .Values.redisUrlSecret.name }}, key: {{ .Values.redisUrlSecret.key }} } }
- name: ATRIUM_PUBLIC_URL
  value: {{ .Values.publicUrl | quote }}
- name: ATRIUM_TRUSTED_PROXIES
  value: {{ .Values.trustedProxies | quote }}
{{- range $k, $v := .Values.env }}
- name: {{ $k }}
  value: {{ $v | quote }}
{{- end }}
{{- end -}}

{{- define "atrium.envFrom" -}}
- secretRef: { name: {{ .Values.existingSecret }} }
{{- end -}}
