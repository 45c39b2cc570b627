import { describe, expect, it } from 'vitest';
import { goArch, printField } from './app-doctor.ts';

describe('doctor fields', () => {
  it("print as Tilt's printField does", () => {
    expect(printField('Version', { value: 'v1.34.4' })).toBe('- Version: v1.34.4\n');
    expect(printField('Version', { error: 'connection refused' })).toBe(
      '- Version: Error: connection refused\n',
    );
  });

  it("name the architecture as Go's GOARCH", () => {
    expect(['x64', 'arm64', 'ia32', 'riscv64'].map(goArch)).toEqual([
      'amd64',
      'arm64',
      '386',
      'riscv64',
    ]);
  });
});
