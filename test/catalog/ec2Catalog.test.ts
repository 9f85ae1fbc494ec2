import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ec2Catalog } from '../../src/catalog/ec2Catalog.js';

describe('bundled EC2 catalogue', () => {
  it('matches data/ec2_us-east-1_catalog.csv (the generated module is not stale)', () => {
    expect(() => execFileSync('node', ['scripts/embed-catalog.mjs', '--check'])).not.toThrow();
  });

  it('has the documented sample rows', () => {
    const m5 = ec2Catalog().get('m5.large');
    expect(m5).toMatchObject({ vcpu: 2, memoryMiB: 8192, onDemandPricePerHour: 0.096, cpuArchitecture: 'x86_64', maxEnis: 3 });
    expect(ec2Catalog().get('c6g.large')).toMatchObject({ vcpu: 2, memoryMiB: 4096, cpuArchitecture: 'arm64' });
    expect(ec2Catalog().get('r5.4xlarge')).toMatchObject({ vcpu: 16, memoryMiB: 131072, onDemandPricePerHour: 1.008 });
    expect(ec2Catalog().size).toBe(1367);
  });

  it('marks Graviton families as arm64 and GPU families like g4dn as x86_64', () => {
    expect(ec2Catalog().get('g4dn.xlarge')?.cpuArchitecture).toBe('x86_64');
    expect(ec2Catalog().get('a1.large')?.cpuArchitecture).toBe('arm64');
    expect(ec2Catalog().get('t4g.micro')?.cpuArchitecture).toBe('arm64');
  });
});
