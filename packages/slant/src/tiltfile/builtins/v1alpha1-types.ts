// Schemas of Tilt's generated v1alpha1 helper types (snake_case keys → API fields), shared by the
// v1alpha1 object builtins.
import type { Schema } from './v1alpha1-schema.ts';

export const configMapDisableSource: Schema = {
  fields: { name: ['name', 'string'], key: ['key', 'string'] },
};
export const disableSource: Schema = {
  fields: {
    config_map: ['configMap', configMapDisableSource],
    every_config_map: ['everyConfigMap', { list: configMapDisableSource }],
  },
};
// Tilt's generated StartOnSpec.Unpack knows only ui_buttons (start_after is rejected).
export const startOnSpec: Schema = { fields: { ui_buttons: ['uiButtons', 'stringList'] } };
export const restartOnSpec: Schema = {
  fields: { file_watches: ['fileWatches', 'stringList'], ui_buttons: ['uiButtons', 'stringList'] },
};
export const uiComponentLocation: Schema = {
  fields: { component_id: ['componentID', 'string'], component_type: ['componentType', 'string'] },
};
export const uiTextInputSpec: Schema = {
  fields: { default_value: ['defaultValue', 'string'], placeholder: ['placeholder', 'string'] },
};
export const uiBoolInputSpec: Schema = {
  fields: {
    default_value: ['defaultValue', 'bool'],
    true_string: ['trueString', 'string'],
    false_string: ['falseString', 'string'],
  },
};
export const uiHiddenInputSpec: Schema = { fields: { value: ['value', 'string'] } };
export const uiChoiceInputSpec: Schema = { fields: { choices: ['choices', 'stringList'] } };
export const execAction: Schema = { fields: { command: ['command', 'stringList'] } };
export const httpHeader: Schema = {
  fields: { name: ['name', 'string'], value: ['value', 'string'] },
};
export const httpGetAction: Schema = {
  fields: {
    path: ['path', 'string'],
    port: ['port', 'int32'],
    host: ['host', 'string'],
    scheme: ['scheme', 'string'],
    http_headers: ['httpHeaders', { list: httpHeader }],
  },
};
export const tcpSocketAction: Schema = {
  fields: { port: ['port', 'int32'], host: ['host', 'string'] },
};
export const handler: Schema = {
  fields: {
    exec: ['exec', execAction],
    http_get: ['httpGet', httpGetAction],
    tcp_socket: ['tcpSocket', tcpSocketAction],
  },
};
export const probe: Schema = {
  fields: {
    ...handler.fields,
    initial_delay_seconds: ['initialDelaySeconds', 'int32'],
    timeout_seconds: ['timeoutSeconds', 'int32'],
    period_seconds: ['periodSeconds', 'int32'],
    success_threshold: ['successThreshold', 'int32'],
    failure_threshold: ['failureThreshold', 'int32'],
  },
};
export const ignoreDef: Schema = {
  fields: { base_path: ['basePath', 'localPath'], patterns: ['patterns', 'stringList'] },
};
export const uiInputSpec: Schema = {
  fields: {
    name: ['name', 'string'],
    label: ['label', 'string'],
    text: ['text', uiTextInputSpec],
    bool: ['bool', uiBoolInputSpec],
    hidden: ['hidden', uiHiddenInputSpec],
    choice: ['choice', uiChoiceInputSpec],
  },
};

export const kubernetesApplyCmd: Schema = {
  fields: { args: ['args', 'stringList'], dir: ['dir', 'localPath'], env: ['env', 'stringList'] },
};
export const labelSelectorRequirement: Schema = {
  fields: {
    key: ['key', 'string'],
    operator: ['operator', 'string'],
    values: ['values', 'stringList'],
  },
};
export const labelSelector: Schema = {
  fields: {
    match_labels: ['matchLabels', 'stringMap'],
    match_expressions: ['matchExpressions', { list: labelSelectorRequirement }],
  },
};
export const kubernetesDiscoveryTemplateSpec: Schema = {
  fields: { extra_selectors: ['extraSelectors', { list: labelSelector }] },
};
export const objectSelector: Schema = {
  fields: {
    api_version_regexp: ['apiVersionRegexp', 'string'],
    kind_regexp: ['kindRegexp', 'string'],
    name_regexp: ['nameRegexp', 'string'],
    namespace_regexp: ['namespaceRegexp', 'string'],
  },
};
export const kubernetesImageObjectDescriptor: Schema = {
  fields: { repo_field: ['repoField', 'string'], tag_field: ['tagField', 'string'] },
};
export const kubernetesImageLocator: Schema = {
  fields: {
    object_selector: ['objectSelector', objectSelector],
    path: ['path', 'string'],
    object: ['object', kubernetesImageObjectDescriptor],
  },
};
export const kubernetesWatchRef: Schema = {
  fields: { uid: ['uid', 'string'], namespace: ['namespace', 'string'], name: ['name', 'string'] },
};
export const podLogStreamTemplateSpec: Schema = {
  fields: {
    only_containers: ['onlyContainers', 'stringList'],
    ignore_containers: ['ignoreContainers', 'stringList'],
  },
};
export const forward: Schema = {
  fields: {
    local_port: ['localPort', 'int32'],
    container_port: ['containerPort', 'int32'],
    host: ['host', 'string'],
    name: ['name', 'string'],
    path: ['path', 'string'],
  },
};
export const portForwardTemplateSpec: Schema = {
  fields: { forwards: ['forwards', { list: forward }] },
};
