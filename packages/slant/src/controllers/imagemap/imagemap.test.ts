import { describe, expect, test } from 'vitest';
import { newTestStore } from '../../store/testing.ts';
import { imageMap } from '../dockerimage/test-util.ts';
import { imageMapRef, imageMapsByName, localImageEnv, writeImageMapStatus } from './imagemap.ts';

describe('ImageMap helpers', () => {
  test('imageMapRef is undefined until a build writes the status', () => {
    const store = newTestStore();
    store.create(imageMap('app'));
    expect(imageMapRef(store, 'app')).toBeUndefined();
    expect(imageMapRef(store, 'missing')).toBeUndefined();
    writeImageMapStatus(store, 'app', {
      image: 'r:5000/app:tilt-1',
      imageFromLocal: 'localhost:5005/app:tilt-1',
    });
    expect(imageMapRef(store, 'app')).toBe('r:5000/app:tilt-1');
  });

  test('writing the status of a deleted ImageMap does nothing', () => {
    const store = newTestStore();
    writeImageMapStatus(store, 'gone', { image: 'x' });
    expect(store.list('ImageMap')).toEqual([]);
  });

  test('localImageEnv numbers the maps as Tilt does, with the local refs', () => {
    const store = newTestStore();
    store.create(imageMap('a'));
    store.create(imageMap('b'));
    writeImageMapStatus(store, 'a', { imageFromLocal: 'localhost:5005/a:tilt-1' });
    const maps = imageMapsByName(store, ['a', 'b', 'c']);
    expect([...maps.keys()]).toEqual(['a', 'b']);
    expect(localImageEnv(['a', 'b'], maps)).toEqual([
      'TILT_IMAGE_MAP_0=a',
      'TILT_IMAGE_0=localhost:5005/a:tilt-1',
      'TILT_IMAGE_MAP_1=b',
      'TILT_IMAGE_1=',
    ]);
    expect(() => localImageEnv(['c'], maps)).toThrow('internal error: missing imagemap c');
  });
});
