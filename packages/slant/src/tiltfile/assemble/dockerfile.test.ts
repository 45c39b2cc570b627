import { describe, expect, test } from 'vitest';
import { familiarString } from '../../container/ref.ts';
import { findDockerfileImages } from './dockerfile.ts';
import { parseDockerignore } from './ignores.ts';

const images = (src: string, args: string[] = []) =>
  findDockerfileImages(src, args).map(familiarString);

describe('findDockerfileImages', () => {
  test('FROM bases (flags skipped) and COPY --from sources', () => {
    expect(
      images(
        '# c\nFROM --platform=linux/amd64 golang:1.22 AS build\nFROM gcr.io/base\nCOPY --from=helper /a /b\nRUN x\n',
      ),
    ).toEqual(['golang:1.22', 'gcr.io/base', 'helper']);
  });

  test('ARG defaults are substituted and overridden by build args', () => {
    // Dockerfile syntax, not a JS template.
    const src = ['ARG BASE=alpine', 'ARG TAG', 'FROM $' + '{BASE}:$' + '{TAG:-3}', ''].join('\n');
    expect(images(src)).toEqual(['alpine:3']);
    expect(images(src, ['BASE=debian', 'TAG=12'])).toEqual(['debian:12']);
  });

  test('alternative and default expansion forms', () => {
    const src = [
      'ARG A=x',
      'ARG E=',
      'FROM $' + '{A:+alpine}',
      'FROM $' + '{E:-debian}',
      'FROM $' + '{E-ubuntu}x',
      '',
    ].join('\n');
    expect(images(src)).toEqual(['alpine', 'debian', 'x']);
  });

  test('continuation lines and unparsable refs', () => {
    expect(images('FROM \\\n  busybox\nFROM Not/Valid\n')).toEqual(['busybox']);
  });
});

describe('parseDockerignore', () => {
  test('drops comments and blanks, cleans paths, keeps exceptions', () => {
    expect(
      parseDockerignore('\ufeff# comment\n\n node_modules/ \n!keep/./x\n/abs\n**/*.md\n'),
    ).toEqual(['node_modules', '!keep/x', 'abs', '**/*.md']);
  });
});
