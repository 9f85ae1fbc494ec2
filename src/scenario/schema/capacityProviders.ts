import { z } from 'zod';
import { Accepted, Distribution, Name } from './primitives.js';

/**
 * Capacity providers (CreateCapacityProvider / PutClusterCapacityProviders spelling) and the Fargate
 * simulation knobs. See aws-behaviour.md §2 (strategies) and §6 (Fargate).
 */
export const CapacityProviderStrategyItem = z.strictObject({
  capacityProvider: z.string().min(1).max(255),
  weight: z.int().min(0).max(1000).default(0).meta({ description: 'Relative share after the bases are met (API default 0; 0 = never used).' }),
  base: z.int().min(0).max(100000).default(0).meta({ description: 'Tasks placed on this provider first; only one item may have a base.' }),
});

export const CapacityProviderStrategy = z
  .array(CapacityProviderStrategyItem)
  .min(1, { error: 'a strategy needs at least one provider' })
  .max(20, { error: 'at most 20 providers per strategy (aws-behaviour.md §2)' });

const ManagedScaling = z.strictObject({
  status: z.enum(['ENABLED', 'DISABLED']).default('DISABLED'),
  targetCapacity: z.int().min(1).max(100).optional(),
  minimumScalingStepSize: z.int().min(1).max(10000).optional(),
  maximumScalingStepSize: z.int().min(1).max(10000).optional(),
  instanceWarmupPeriod: z.int().min(0).max(10000).optional(),
});

export const CapacityProvider = z.strictObject({
  name: Name,
  autoScalingGroupProvider: z.strictObject({
    autoScalingGroupArn: z.string().min(1).meta({
      description: 'The Auto Scaling group: its AutoScalingGroupName, or an ARN ending in "autoScalingGroupName/<name>".',
    }),
    managedScaling: ManagedScaling.optional().meta({ description: 'Cluster auto scaling: only status DISABLED is modelled in this version.' }),
    managedTerminationProtection: z.enum(['ENABLED', 'DISABLED']).optional().meta({ description: 'Accepted; matters only with managed scaling.' }),
    managedDraining: z.enum(['ENABLED', 'DISABLED']).optional().meta({ description: 'Accepted; matters only with managed scaling.' }),
  }),
  tags: Accepted,
  cluster: Accepted,
});

const TokenBucket = z.strictObject({
  burst: z.int().min(1).meta({ description: 'Tokens the bucket holds (tasks that may launch at once).' }),
  perSecond: z.number().positive().meta({ description: 'Sustained launches per second.' }),
});

const FargatePrice = z.strictObject({
  vcpuHour: z.number().min(0).meta({ description: 'USD per vCPU-hour.' }),
  gbHour: z.number().min(0).meta({ description: 'USD per GB-hour of memory (GB = 1024 MiB).' }),
});

export const FARGATE_DEFAULTS = {
  provisioningTime: '20s',
  spotDiscount: 0.7,
  launchRate: { burst: 100, perSecond: 20 },
  spotLaunchRate: { burst: 100, perSecond: 20 },
  prices: { x86_64: { vcpuHour: 0.04048, gbHour: 0.004445 }, arm64: { vcpuHour: 0.03238, gbHour: 0.00356 } },
} as const;

export const FargateSettings = z.strictObject({
  provisioningTime: Distribution.default(FARGATE_DEFAULTS.provisioningTime).meta({
    description: 'Launch to PENDING (capacity and ENI) for each Fargate task; image pull follows. Unconfirmed by AWS; default 20s.',
  }),
  spotDiscount: z.number().min(0).max(1).default(FARGATE_DEFAULTS.spotDiscount).meta({
    description: 'FARGATE_SPOT price = FARGATE price × (1 − this). AWS: "up to 70% off"; default 0.7.',
  }),
  launchRate: TokenBucket.default(FARGATE_DEFAULTS.launchRate).meta({ description: 'On-Demand Fargate task launches per account: burst 100, 20/s.' }),
  spotLaunchRate: TokenBucket.default(FARGATE_DEFAULTS.spotLaunchRate).meta({ description: 'Fargate Spot task launches per account: burst 100, 20/s.' }),
  vcpuQuota: z.number().positive().optional().meta({ description: 'Account On-Demand Fargate vCPU quota; tasks beyond it wait in PROVISIONING. Default: none.' }),
  spotVcpuQuota: z.number().positive().optional().meta({ description: 'Account Fargate Spot vCPU quota. Default: none.' }),
  prices: z
    .strictObject({ x86_64: FargatePrice, arm64: FargatePrice })
    .default(FARGATE_DEFAULTS.prices)
    .meta({ description: 'Linux prices, us-east-1: x86 $0.04048/vCPU-h + $0.004445/GB-h; ARM $0.03238 + $0.00356.' }),
});

export type CapacityProviderInput = z.infer<typeof CapacityProvider>;
export type StrategyItemInput = z.infer<typeof CapacityProviderStrategyItem>;
export type FargateSettingsInput = z.infer<typeof FargateSettings>;
