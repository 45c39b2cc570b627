import { describe, expect, test } from 'vitest';
import { DIR, errorOf, runTiltfile } from '../test-util.ts';

// A button helper in the style of the uibutton extension (written for this test).
const BUTTON = `
def button(name, argv, inputs=[]):
    v1alpha1.ui_button(name=name, text=name.upper(), icon_name='star',
                       location=v1alpha1.ui_component_location(component_id='nav', component_type='Global'),
                       inputs=inputs)
    v1alpha1.cmd(name='btn-' + name, args=argv, env=['A=1'],
                 annotations={'tilt.dev/resource': '(Tiltfile)'},
                 start_on=v1alpha1.start_on_spec(ui_buttons=[name]))
`;

describe('v1alpha1 objects', () => {
  test('ui_button and cmd with helper specs declare UIButton and Cmd objects', () => {
    const r = runTiltfile(
      `${BUTTON}button('hello', ['echo', 'hi'], inputs=[
    v1alpha1.ui_input_spec(name='WHO', label='Who?', text=v1alpha1.ui_text_input_spec(default_value='you')),
    v1alpha1.ui_input_spec(name='OK', bool=v1alpha1.ui_bool_input_spec(default_value=True)),
    {'name': 'PICK', 'choice': {'choices': ['a', 'b']}},
])
print(type(v1alpha1.ui_text_input_spec(placeholder='p')))
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('dict\n');
    const button = r.objects.find((o) => o.kind === 'UIButton');
    expect(button).toEqual({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'UIButton',
      metadata: { name: 'hello' },
      spec: {
        location: { componentID: 'nav', componentType: 'Global' },
        text: 'HELLO',
        iconName: 'star',
        inputs: [
          { name: 'WHO', label: 'Who?', text: { defaultValue: 'you' } },
          { name: 'OK', bool: { defaultValue: true } },
          { name: 'PICK', choice: { choices: ['a', 'b'] } },
        ],
      },
    });
    expect(r.objects.find((o) => o.kind === 'Cmd' && o.metadata.name === 'btn-hello')).toEqual({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'Cmd',
      metadata: { name: 'btn-hello', annotations: { 'tilt.dev/resource': '(Tiltfile)' } },
      spec: { args: ['echo', 'hi'], dir: DIR, env: ['A=1'], startOn: { uiButtons: ['hello'] } },
    });
  });

  test('helper and object errors read as Tilt’s generated code', () => {
    expect(errorOf(runTiltfile('v1alpha1.ui_bool_input_spec(true_string=None)\n'))).toContain(
      'Error in v1alpha1.ui_bool_input_spec: Expected string, actual: NoneType',
    );
    expect(errorOf(runTiltfile('v1alpha1.start_on_spec(start_after="x")\n'))).toContain(
      'Unexpected attribute name: start_after',
    );
    expect(
      errorOf(
        runTiltfile('v1alpha1.ui_button(name="b", location={"component_id": "x", "nope": 1})\n'),
      ),
    ).toContain('v1alpha1.ui_button: for parameter "location": Unexpected attribute name: nope');
    expect(
      errorOf(
        runTiltfile(
          'v1alpha1.ui_button(name="b", inputs=[{"name": "x", "text": {"placeholder": 3}}])\n',
        ),
      ),
    ).toContain('for parameter "inputs": at index 0: unpacking text: Expected string, actual: int');
    expect(errorOf(runTiltfile('v1alpha1.ui_button(name="b")\n'))).toContain(
      'Error in v1alpha1.ui_button: [spec.text: Required value: Button text cannot be empty, spec.location.componentID: Required value: Parent component ID is required, spec.location.componentType: Required value: Parent component type is required]',
    );
  });

  test('file_watch resolves paths and ignore base paths against the Tiltfile', () => {
    const r = runTiltfile(
      'v1alpha1.file_watch(name="src", watched_paths=["src", "/abs"], ignores=[v1alpha1.ignore_def(base_path="src", patterns=["*.log"])])\n',
    );
    expect(r.objects.find((o) => o.kind === 'FileWatch' && o.metadata.name === 'src')).toEqual({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'FileWatch',
      metadata: { name: 'src' },
      spec: {
        watchedPaths: [`${DIR}/src`, '/abs'],
        ignores: [{ basePath: `${DIR}/src`, patterns: ['*.log'] }],
      },
    });
    expect(errorOf(runTiltfile('v1alpha1.ignore_def(base_path=3)\n'))).toContain(
      'Error in v1alpha1.ignore_def: unpacking base_path: expected path | string. Actual type: starlark.Int',
    );
  });

  test('cmd readiness probes from the probe helpers', () => {
    const r = runTiltfile(
      'v1alpha1.cmd(name="srv", args=["./srv"], readiness_probe=v1alpha1.probe(period_seconds=2, http_get=v1alpha1.http_get_action(port=8080, path="/ready", http_headers=[v1alpha1.http_header(name="X", value="1")])))\n',
    );
    expect(r.objects.find((o) => o.kind === 'Cmd' && o.metadata.name === 'srv')).toMatchObject({
      spec: {
        readinessProbe: {
          periodSeconds: 2,
          httpGet: { port: 8080, path: '/ready', httpHeaders: [{ name: 'X', value: '1' }] },
        },
      },
    });
    expect(errorOf(runTiltfile('v1alpha1.tcp_socket_action(port="80")\n'))).toContain(
      'Error in v1alpha1.tcp_socket_action: Expected int, got: got string, want int',
    );
  });

  test('config_map declares data; the same name twice must be identical', () => {
    const r = runTiltfile(
      'v1alpha1.config_map(name="c", data={"k": "v"})\nv1alpha1.config_map(name="c", data={"k": "v"})\n',
    );
    expect(r.objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'c')).toEqual([
      {
        apiVersion: 'tilt.dev/v1alpha1',
        kind: 'ConfigMap',
        metadata: { name: 'c' },
        data: { k: 'v' },
      },
    ]);
    expect(
      errorOf(
        runTiltfile(
          'v1alpha1.config_map(name="c", data={"k": "v"})\nv1alpha1.config_map(name="c")\n',
        ),
      ),
    ).toContain('configmaps "c" already registered');
  });
});
