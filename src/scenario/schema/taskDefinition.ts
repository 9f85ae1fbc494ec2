import { z } from 'zod';
import { LoadModel } from './demand.js';
import { Accepted, Distribution, PlacementConstraint } from './primitives.js';

/** RegisterTaskDefinition input (AWS spelling) plus simulation knobs. See aws-behaviour.md §9. */
const PortMapping = z.strictObject({
  containerPort: z.int().min(0).max(65535).optional(),
  hostPort: z.int().min(0).max(65535).optional().meta({ description: 'Static host port (bridge/host mode); 0 or absent = dynamic.' }),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  name: Accepted,
  appProtocol: Accepted,
  containerPortRange: Accepted,
});

const HealthCheck = z.strictObject({
  command: z.array(z.string()).min(1),
  interval: z.int().min(5).max(300).default(30),
  timeout: z.int().min(2).max(60).default(5),
  retries: z.int().min(1).max(10).default(3),
  startPeriod: z.int().min(0).max(300).optional(),
});

const acceptedContainerFields = Object.fromEntries(
  [
    'repositoryCredentials', 'links', 'entryPoint', 'command', 'environment', 'environmentFiles', 'mountPoints', 'volumesFrom',
    'linuxParameters', 'secrets', 'dependsOn', 'startTimeout', 'hostname', 'user', 'workingDirectory', 'disableNetworking',
    'privileged', 'readonlyRootFilesystem', 'dnsServers', 'dnsSearchDomains', 'extraHosts', 'dockerSecurityOptions',
    'interactive', 'pseudoTerminal', 'dockerLabels', 'ulimits', 'logConfiguration', 'systemControls', 'resourceRequirements',
    'firelensConfiguration', 'credentialSpecs', 'restartPolicy', 'versionConsistency',
  ].map((key) => [key, Accepted]),
);

export const ContainerDefinition = z.strictObject({
  name: z.string().min(1),
  image: z.string().optional(),
  cpu: z.int().min(0).optional().meta({ description: 'CPU units (1024 per vCPU).' }),
  memory: z.int().min(1).optional().meta({ description: 'Hard memory limit, MiB.' }),
  memoryReservation: z.int().min(1).optional().meta({ description: 'Soft limit, MiB; placement reserves it when set.' }),
  essential: z.boolean().default(true),
  portMappings: z.array(PortMapping).default([]),
  stopTimeout: z.int().min(0).max(120).optional().meta({ description: 'Seconds between SIGTERM and SIGKILL (default 30).' }),
  healthCheck: HealthCheck.optional(),
  ...acceptedContainerFields,
});

/** Task-level cpu/memory: AWS takes strings ("1024", "1 vCPU", "2 GB") or numbers. */
const SizeText = z.union([z.int().min(1), z.string().regex(/^\s*\d+(\.\d+)?\s*([a-zA-Z]+)?\s*$/, { error: 'expected a number, e.g. "1024", "1 vCPU" or "2 GB"' })]);

const acceptedTaskFields = Object.fromEntries(
  ['taskRoleArn', 'executionRoleArn', 'volumes', 'pidMode', 'ipcMode', 'proxyConfiguration', 'inferenceAccelerators', 'ephemeralStorage', 'tags', 'enableFaultInjection'].map(
    (key) => [key, Accepted],
  ),
);

export const TaskDefinition = z.strictObject({
  family: z.string().min(1).max(255).regex(/^[A-Za-z0-9_-]+$/, { error: 'use letters, digits, "-" and "_"' }),
  cpu: SizeText.optional().meta({ description: 'Task CPU units or "N vCPU"; default: sum of container cpu.' }),
  memory: SizeText.optional().meta({ description: 'Task memory MiB or "N GB"; default: sum of container reservations.' }),
  networkMode: z.enum(['bridge', 'host', 'awsvpc', 'none']).default('bridge'),
  containerDefinitions: z.array(ContainerDefinition).min(1),
  requiresCompatibilities: z.array(z.enum(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'])).optional(),
  placementConstraints: z.array(PlacementConstraint).max(10).default([]),
  runtimePlatform: z
    .strictObject({
      cpuArchitecture: z.enum(['X86_64', 'ARM64']).optional(),
      operatingSystemFamily: z.string().optional(),
    })
    .optional(),
  ...acceptedTaskFields,
  load: LoadModel.optional(),
  unhealthyProbability: z.number().min(0).max(1).default(0).meta({
    description: 'Simulation: share of this revision\'s tasks that fail their health check when deployed (a bad release). Default 0.',
  }),
  imagePullTime: Distribution.default('10s').meta({ description: 'Simulation: time to pull the image(s) (PENDING). Unconfirmed by AWS; default 10s.' }),
  containerStartTime: Distribution.default('2s').meta({ description: 'Simulation: time from pull end to RUNNING. Unconfirmed; default 2s.' }),
  shutdownTime: Distribution.default('2s').meta({ description: 'Simulation: time the app takes to exit after SIGTERM, capped by stopTimeout. Default 2s.' }),
});

export type TaskDefinitionInput = z.infer<typeof TaskDefinition>;
