import { describe, expect, test } from 'vitest';
import { parseNormalizedNamed as ref, refString } from '../container/ref.ts';
import { parseSelector } from '../container/selector.ts';
import {
  locatorExtract,
  locatorInject,
  locatorMatchesOne,
  locatorToSpec,
  newJSONPathImageLocator,
  newJSONPathImageObjectLocator,
  parseImageLocators,
} from './locator.ts';
import { kindSelector } from './object-selector.ts';
import { one } from './testdata.ts';

const machine = (spec: string): Record<string, unknown> =>
  one(`apiVersion: example.com/v1\nkind: Machine\nmetadata: {name: m}\nspec:\n${spec}`);

describe('string locators', () => {
  test('extract images at the path of matching kinds only', () => {
    const l = newJSONPathImageLocator(kindSelector('Machine'), '{.spec.image}');
    expect(locatorExtract(l, machine('  image: frontend\n')).map(refString)).toEqual([
      'docker.io/library/frontend',
    ]);
    expect(locatorExtract(l, { apiVersion: 'v1', kind: 'Other' })).toEqual([]);
  });

  test('inject sets an existing imagePullPolicy beside the image', () => {
    const l = newJSONPathImageLocator(kindSelector('Machine'), '{.spec.containers[*].image}');
    const e = machine(
      '  containers:\n  - {name: a, image: frontend, imagePullPolicy: Always}\n  - {name: b, image: frontend}\n',
    );
    expect(locatorInject(l, e, parseSelector('frontend'), ref('frontend:tilt-1'), 'Never')).toBe(
      true,
    );
    expect(e.spec).toEqual({
      containers: [
        { name: 'a', image: 'frontend:tilt-1', imagePullPolicy: 'Never' },
        { name: 'b', image: 'frontend:tilt-1' },
      ],
    });
  });

  test('inject skips values that are not image refs, and list elements work', () => {
    const l = newJSONPathImageLocator(kindSelector('Machine'), '{.spec.images[*]}');
    const e = machine('  images: [NOT A REF, gcr.io/foo]\n');
    expect(
      locatorInject(l, e, parseSelector('gcr.io/foo'), ref('gcr.io/foo:t'), 'IfNotPresent'),
    ).toBe(true);
    expect(e.spec).toEqual({ images: ['NOT A REF', 'gcr.io/foo:t'] });
  });

  test('extract reports an unparseable image with its path', () => {
    const l = newJSONPathImageLocator(kindSelector('Machine'), '{.spec.image}');
    expect(() => locatorExtract(l, machine('  image: NOPE\n'))).toThrow(
      new Error(
        "error parsing image 'NOPE' at json path '{.spec.image}': invalid reference format: repository name (library/NOPE) must be lowercase",
      ),
    );
  });
});

describe('object locators', () => {
  const l = newJSONPathImageObjectLocator(
    kindSelector('Machine'),
    '{.spec.imageObject}',
    'repo',
    'tag',
  );

  test('combine repo and tag fields', () => {
    expect(locatorExtract(l, machine('  imageObject: {repo: frontend}\n')).map(refString)).toEqual([
      'docker.io/library/frontend',
    ]);
    expect(
      locatorExtract(l, machine('  imageObject: {repo: frontend, tag: v1}\n')).map(refString),
    ).toEqual(['docker.io/library/frontend:v1']);
  });

  test('inject writes the familiar repo and the tag', () => {
    const e = machine('  imageObject: {repo: frontend}\n');
    expect(
      locatorInject(
        l,
        e,
        parseSelector('frontend'),
        ref('docker.io/library/frontend:tilt-123'),
        'Never',
      ),
    ).toBe(true);
    expect(e.spec).toEqual({ imageObject: { repo: 'frontend', tag: 'tilt-123' } });
    expect(locatorExtract(l, e).map(refString)).toEqual(['docker.io/library/frontend:tilt-123']);
  });

  test('the path must lead to a map', () => {
    expect(() => locatorExtract(l, machine('  imageObject: frontend\n'))).toThrow(
      new Error(
        'May only match maps (json_path="{.spec.imageObject}")\nGot Type: string\nGot Value: frontend',
      ),
    );
  });
});

describe('locator specs', () => {
  test('round-trip through the API form', () => {
    const specs = [
      { objectSelector: { kindRegexp: '(?i)Machine' }, path: '{.spec.image}' },
      {
        objectSelector: { kindRegexp: 'Machine' },
        path: '{.spec.o}',
        object: { repoField: 'r', tagField: 't' },
      },
    ];
    const locators = parseImageLocators(specs);
    expect(locators.map(locatorToSpec)).toEqual(specs);
    expect(locatorMatchesOne(locators[0]!, [{ apiVersion: 'x/v1', kind: 'machine' }])).toBe(true);
    expect(locatorMatchesOne(locators[1]!, [{ apiVersion: 'x/v1', kind: 'machine' }])).toBe(false);
  });

  test('bad paths and regexps are wrapped', () => {
    expect(() => parseImageLocators([{ objectSelector: {}, path: '{.a[' }])).toThrow(
      new Error('parsing image locator: unclosed action'),
    );
    expect(() =>
      parseImageLocators([{ objectSelector: { kindRegexp: '(' }, path: '{.a}' }]),
    ).toThrow(/^parsing image locator: error parsing kind regexp: /);
  });
});
