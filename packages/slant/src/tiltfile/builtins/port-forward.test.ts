import { Float, List, repr, StarlarkError } from '@slant/starlark';
import { describe, expect, it } from 'vitest';
import { portForwardBuiltin, portForwardsFromValue, stringToPortForward } from './port-forward.ts';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StarlarkError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

const pf = (localPort: number, containerPort = 0, host = '') => ({
  localPort,
  containerPort,
  host,
  name: '',
  path: '',
});

describe('port forwards', () => {
  it('parses ints and the string forms', () => {
    expect(portForwardsFromValue(8000)).toEqual([pf(8000)]);
    expect(portForwardsFromValue('9000')).toEqual([pf(9000)]);
    expect(portForwardsFromValue('9000:8000')).toEqual([pf(9000, 8000)]);
    expect(portForwardsFromValue('0.0.0.0:9000:8000')).toEqual([pf(9000, 8000, '0.0.0.0')]);
    expect(portForwardsFromValue(new List([8000, '9000:80']))).toEqual([pf(8000), pf(9000, 80)]);
  });

  it('rejects bad ports and hosts with Tilt texts', () => {
    expect(message(() => portForwardsFromValue(70000))).toBe(
      'portForward port value 70000 is not in the valid range [0-65535]',
    );
    expect(message(() => stringToPortForward('abc'))).toBe(
      'portForward port value "abc" is not in the valid range [0-65535]',
    );
    expect(message(() => stringToPortForward('9000:abc'))).toBe(
      'portForward port value "abc" is not in the valid range [0-65535]',
    );
    expect(message(() => stringToPortForward('bad_host!:9000:80'))).toBe(
      'portForward host value "9000" is not a valid hostname or IP address',
    );
    expect(message(() => portForwardsFromValue(new List([new Float(1.5)])))).toBe(
      'port_forwards arg [1.5] includes element 1.5 which must be an int or a port_forward; is a starlark.Float',
    );
  });

  it('port_forward() makes a value with name and link path', () => {
    const v = portForwardBuiltin(
      'port_forward',
      [8000],
      [
        ['container_port', 80],
        ['name', 'web'],
        ['link_path', '/v1/app'],
      ],
    );
    expect(v.pf).toEqual({
      localPort: 8000,
      containerPort: 80,
      host: '',
      name: 'web',
      path: 'v1/app',
    });
    expect(repr(v)).toBe('port_forward(local_port=8000, container_port=80, name="web")');
    expect(portForwardsFromValue(v)).toEqual([v.pf]);
    expect(
      message(() =>
        portForwardBuiltin('port_forward', [8001, 443], [['link_path', 'invalid_escape%']]),
      ),
    ).toBe('parsing `path` param: parse "invalid_escape%": invalid URL escape "%"');
    expect(message(() => portForwardBuiltin('port_forward', ['8001'], null))).toBe(
      'port_forward: for parameter local_port: got string, want int',
    );
    expect(message(() => portForwardBuiltin('port_forward', [], null))).toBe(
      'port_forward: missing argument for local_port',
    );
  });
});
