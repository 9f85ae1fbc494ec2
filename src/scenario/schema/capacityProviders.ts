import { z } from 'zod';
import { Accepted, Distribution, Duration, Name } from './primitives.js';

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
  status: z.enum(['ENABLED', 'DISABLED']).default('DISABLED').meta({ description: 'Cluster auto scaling. Default DISABLED here (the console turns it on).' }),
  targetCapacity: z.int().min(1).max(100).default(100).meta({ description: 'Target CapacityProviderReservation, percent. Default 100.' }),
  minimumScalingStepSize: z.int().min(1).max(10000).default(1).meta({ description: 'Scale-out only. Default 1.' }),
  maximumScalingStepSize: z.int().min(1).max(10000).default(10000).meta({ description: 'Default 10000.' }),
  instanceWarmupPeriod: z.int().min(0).max(10000).default(300).meta({ description: 'Seconds; no further scale-out while an instance is younger. Default 300.' }),
});

export const CapacityProvider = z.strictObject({
  name: Name,
  autoScalingGroupProvider: z.strictObject({
    autoScalingGroupArn: z.string().min(1).meta({
      description: 'The Auto Scaling group: its AutoScalingGroupName, or an ARN ending in "autoScalingGroupName/<name>".',
    }),
    managedScaling: ManagedScaling.optional().meta({ description: 'Cluster auto scaling (aws-behaviour.md §3).' }),
    managedTerminationProtection: z.enum(['ENABLED', 'DISABLED']).default('DISABLED').meta({
      description: 'Only instances without non-daemon tasks are removed on scale-in (needs managed scaling). Default DISABLED.',
    }),
    managedDraining: z.enum(['ENABLED', 'DISABLED']).default('ENABLED').meta({
      description: 'Instances drain before the group terminates them on scale-in. Default ENABLED (new providers).',
    }),
  }),
  managedDrainingTimeout: Duration.default('15m').meta({
    description: 'Simulation: longest a managed-draining instance waits for its tasks before it terminates. Unconfirmed; default 15m.',
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
