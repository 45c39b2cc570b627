import { describe, expect, test } from 'vitest';
import { mergeInlineComposeYAML, parseComposeConfig } from './compose-config.ts';

describe('parseComposeConfig', () => {
  test('services in dependency order with ports, volumes, builds and env files', () => {
    const out = parseComposeConfig(
      JSON.stringify({
        name: 'p',
        services: {
          b: {
            build: 'ctx',
            depends_on: ['a'],
            ports: [{ published: '80' }, { published: '90-91' }, { target: 5 }],
            volumes: ['./src:/src', 'named:/data', { type: 'volume', source: 'v', target: '/v' }],
            env_file: ['.env', { path: '/abs/.env2' }],
          },
          a: { image: 'redis', build: { context: 'https://example.com/repo.git' } },
        },
      }),
      '/proj',
    );
    expect(out.name).toBe('p');
    expect(out.services.map((s) => s.name)).toEqual(['a', 'b']);
    expect(out.services[0]?.config.buildContext).toBe('https://example.com/repo.git');
    expect(out.services[1]?.config).toEqual({
      image: '',
      buildContext: '/proj/ctx',
      buildDockerfile: '',
      volumeSources: ['/proj/src', 'named', 'v'],
      publishedPorts: [80],
      dependsOn: ['a'],
      envFiles: ['.env', '/abs/.env2'],
    });
  });

  test('output that is not JSON is an error', () => {
    expect(() => parseComposeConfig('services:', '/p')).toThrow(
      /^parsing docker compose config output: /,
    );
  });
});

describe('mergeInlineComposeYAML', () => {
  test('one document is passed through; several merge their sections', () => {
    expect(mergeInlineComposeYAML(['x: 1\n'])).toBe('x: 1\n');
    expect(
      mergeInlineComposeYAML([
        'services:\n  a: {image: x}\nvolumes:\n  v: {}\n',
        'services:\n  b: {image: y}\n',
      ]),
    ).toBe('services:\n  a:\n    image: x\n  b:\n    image: y\nvolumes:\n  v: {}\n');
  });
});
