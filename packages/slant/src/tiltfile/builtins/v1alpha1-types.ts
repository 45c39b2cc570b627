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
