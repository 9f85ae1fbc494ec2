import { EC2_US_EAST_1_CSV } from './ec2UsEast1Csv.generated.js';

/** One EC2 instance type of the bundled us-east-1 catalogue (see data/README.md). */
export interface InstanceTypeInfo {
  readonly instanceType: string;
  readonly family: string;
  /** Undefined when the catalogue has no vCPU/memory figures for the type (it cannot be used). */
  readonly vcpu: number | undefined;
  readonly memoryMiB: number | undefined;
  /** Linux on-demand price, USD per hour. */
  readonly onDemandPricePerHour: number;
  readonly cpuArchitecture: 'x86_64' | 'arm64';
  /** Elastic network interfaces the instance supports (undefined when unknown). */
  readonly maxEnis: number | undefined;
  /** Branch ENIs available with awsvpc trunking (0 when the type is not trunking-compatible). */
  readonly branchEnis: number;
  /** Spot savings vs on-demand in percent, and the Spot Advisor interruption bucket (0..4), if known. */
  readonly spotSavingsPercent: number | undefined;
  readonly spotInterruptionBucket: number | undefined;
}

/** Graviton families: a1, and families whose generation digit is followed by "g" (m6g, c7gn, x2gd, im4gn …). */
const ARM_FAMILY = /^(?:a1|[a-z]+\d+g[a-z]*)$/;

function optionalNumber(text: string | undefined): number | undefined {
  return text === undefined || text === '' ? undefined : Number(text);
}

function parseCatalog(csv: string): ReadonlyMap<string, InstanceTypeInfo> {
  const lines = csv.trim().split('\n');
  const header = (lines[0] as string).split(',');
  const col = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`catalogue column ${name} missing`);
    return index;
  };
  const c = {
    type: col('instance_type'), family: col('family'), vcpu: col('vcpu'), mem: col('memory_gib'),
    price: col('od_price_usd_per_hr'), savings: col('spot_savings_pct'), bucket: col('spot_interruption_bucket'),
    enis: col('max_enis'), trunking: col('trunking_compatible'), branch: col('branch_enis'),
  };
  const byType = new Map<string, InstanceTypeInfo>();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const memGib = optionalNumber(f[c.mem]);
    const family = f[c.family] as string;
    byType.set(f[c.type] as string, {
      instanceType: f[c.type] as string,
      family,
      vcpu: optionalNumber(f[c.vcpu]),
      memoryMiB: memGib === undefined ? undefined : Math.round(memGib * 1024),
      onDemandPricePerHour: Number(f[c.price]),
      cpuArchitecture: ARM_FAMILY.test(family) ? 'arm64' : 'x86_64',
      maxEnis: optionalNumber(f[c.enis]),
      branchEnis: f[c.trunking] === 'true' ? (optionalNumber(f[c.branch]) ?? 0) : 0,
      spotSavingsPercent: optionalNumber(f[c.savings]),
      spotInterruptionBucket: optionalNumber(f[c.bucket]),
    });
  }
  return byType;
}

let catalog: ReadonlyMap<string, InstanceTypeInfo> | undefined;

/** The bundled us-east-1 catalogue, keyed by instance type (parsed once, on first use). */
export function ec2Catalog(): ReadonlyMap<string, InstanceTypeInfo> {
  catalog ??= parseCatalog(EC2_US_EAST_1_CSV);
  return catalog;
}

/** Instance types closest in name to `wanted`, for "did you mean" hints. */
export function similarInstanceTypes(wanted: string, limit = 3): string[] {
  const family = wanted.split('.')[0] ?? wanted;
  const usable = [...ec2Catalog().values()].filter((t) => t.vcpu !== undefined);
  const sameFamily = usable.filter((t) => t.family === family).map((t) => t.instanceType);
  if (sameFamily.length > 0) return sameFamily.sort().slice(0, limit);
  return usable.map((t) => t.instanceType).filter((t) => t.startsWith(wanted.slice(0, 2))).sort().slice(0, limit);
}
