import { describe, expect, test } from 'vitest';
import { parseYAML, serializeSpecYAML } from './yaml.ts';

describe('parseYAML', () => {
  test('reads every document, skipping empty and null ones', () => {
    const entities = parseYAML(`
---
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
# only a comment
---
null
---
apiVersion: v1
kind: Secret
metadata: {name: b}
`);
    expect(entities.map((e) => (e.metadata as { name: string }).name)).toEqual(['a', 'b']);
  });

  test('an empty string has no entities', () => {
    expect(parseYAML('')).toEqual([]);
    expect(parseYAML('---\n---\n')).toEqual([]);
  });

  test('expands the items of a List, recursively, skipping null items', () => {
    const entities = parseYAML(`
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: s}
- null
- apiVersion: v1
  kind: List
  items:
  - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}
`);
    expect(entities.map((e) => e.kind)).toEqual(['Service', 'ConfigMap']);
  });

  test('reads scalars as YAML 1.1, like Kubernetes', () => {
    const [e] = parseYAML(`
apiVersion: v1
kind: ConfigMap
data:
  on: yes
  off: n
  octal: 0777
  hex: 0x1F
  big: 1_000
  date: 2001-12-14
  clock: 12:30:00
  str: "yes"
  nothing: ~
`);
    expect(e?.data).toEqual({
      true: true,
      false: false,
      octal: 511,
      hex: 31,
      big: 1000,
      date: '2001-12-14',
      clock: '12:30:00',
      str: 'yes',
      nothing: null,
    });
  });

  test('a later duplicate key wins', () => {
    const [e] = parseYAML('apiVersion: v1\nkind: ConfigMap\ndata: {a: "1", a: "2"}\n');
    expect(e?.data).toEqual({ a: '2' });
  });

  test('accepts JSON documents', () => {
    const [e] = parseYAML('{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}}');
    expect(e).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
  });

  test('a document without kind is an error quoting it as JSON', () => {
    expect(() => parseYAML('apiVersion: v1\nmetadata:\n  name: x\n  b: "<&>"\n')).toThrow(
      new Error(
        `Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"b":"\\u003c\\u0026\\u003e","name":"x"}}'`,
      ),
    );
  });

  test('a document without apiVersion names its kind and name', () => {
    expect(() => parseYAML('kind: Foo\nmetadata: {name: x}\n')).toThrow(
      new Error(
        `decoding Foo "x": Object 'apiVersion' is missing in '{"kind":"Foo","metadata":{"name":"x"}}'`,
      ),
    );
  });

  test('type meta keys are matched ignoring case', () => {
    expect(parseYAML('apiversion: foo/v1\nkind: Foo\n')).toHaveLength(1);
  });

  test('a document that is not a mapping is an error', () => {
    expect(() => parseYAML('just a string\n')).toThrow(
      new Error(
        'couldn\'t get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }',
      ),
    );
    expect(() => parseYAML('- a\n')).toThrow(/cannot unmarshal array into Go value/);
  });

  test("a syntax error reads as go-yaml's, its line counted within the document", () => {
    expect(() => parseYAML('apiVersion: v1\nkind: [a,\n')).toThrow(
      new Error("error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'"),
    );
    expect(() => parseYAML('apiVersion: v1\nkind: A\n---\nb:\n\tc: 1\n')).toThrow(
      new Error(
        'error converting YAML to JSON: yaml: line 2: found character that cannot start any token',
      ),
    );
    expect(() => parseYAML('a: *nope\n')).toThrow(
      new Error("error converting YAML to JSON: yaml: unknown anchor 'nope' referenced"),
    );
  });
});

describe('serializeSpecYAML', () => {
  test('sorts keys, drops status, adds the typed empty fields, separates documents with ---', () => {
    const yaml = serializeSpecYAML([
      {
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'c', image: 'i' }] },
        status: { phase: 'Running' },
      },
      { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'x' } },
    ]);
    expect(yaml).toBe(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - image: i
    name: c
    resources: {}

---
apiVersion: v1
data:
  a: x
kind: ConfigMap
`);
  });

  test('quotes strings a YAML 1.1 reader would take for other types', () => {
    const yaml = serializeSpecYAML([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        data: { a: 'on', b: 'yes', c: '0777', d: '12:30', e: '2001-12-14', f: '' },
      },
    ]);
    expect(yaml).toContain(
      'a: "on"\n  b: "yes"\n  c: "0777"\n  d: "12:30"\n  e: "2001-12-14"\n  f: ""',
    );
  });

  test('writes parsed YAML as Tilt does: sorted keys, typed defaults, empty fields dropped', () => {
    const src = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  template:
    spec:
      containers:
      - name: web
        image: web:dev
        args:
        - --flag
        env:
        - name: MULTI
          value: |-
            line1
            line2
        - name: EMPTY
          value: ""
`;
    expect(serializeSpecYAML(parseYAML(src))).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
spec:
  selector: null
  strategy: {}
  template:
    metadata: {}
    spec:
      containers:
      - args:
        - --flag
        env:
        - name: MULTI
          value: |-
            line1
            line2
        - name: EMPTY
        image: web:dev
        name: web
        resources: {}
`);
  });

  test('a StatefulSet gets the fields its struct always writes (as Tilt writes the same input)', () => {
    const src =
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: q\nspec:\n  template:\n    metadata:\n      labels: {app: q}\n';
    expect(serializeSpecYAML(parseYAML(src))).toBe(
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: q\nspec:\n  selector: null\n  serviceName: ""\n  template:\n    metadata:\n      labels:\n        app: q\n    spec:\n      containers: null\n  updateStrategy: {}\n',
    );
  });

  test('an unknown kind keeps its fields', () => {
    const src =
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  labels: {}\nspec:\n  list: []\n  zero: 0\n';
    expect(serializeSpecYAML(parseYAML(src))).toBe(
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  labels: {}\n  name: w\nspec:\n  list: []\n  zero: 0\n',
    );
  });
});

describe('binary fields', () => {
  test('Secret data must be base64, as Kubernetes decodes it', () => {
    expect(() =>
      parseYAML(
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: mysecret\ntype: Opaque\ndata:\n  stuff: "!"\n',
      ),
    ).toThrow('decoding Secret "mysecret": illegal base64 data at input byte 0');
    expect(
      parseYAML('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: aGk=\n'),
    ).toHaveLength(1);
    expect(() =>
      parseYAML('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nbinaryData:\n  b: "a"\n'),
    ).toThrow('decoding ConfigMap "c": illegal base64 data at input byte 0');
  });
});
