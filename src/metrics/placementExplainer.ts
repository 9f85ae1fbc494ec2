import type { Host } from '../model/host.js';
import { OwnerKind, type Task } from '../model/task.js';
import { explainPlacement, type PlacementExplanation } from '../placement/explain.js';
import type { PlacementRequest, PlacementView } from '../placement/types.js';
import type { PlacementDecisionObserver } from '../scheduler/listener.js';

/**
 * `run --explain`: for the services and jobs asked for, the explanation of each EC2 placement (taken
 * when the scheduler decides, before the task changes the host) joined with the task it placed.
 * Fargate tasks have no host to choose and are not explained.
 */
export interface ExplanationRow extends PlacementExplanation {
  readonly taskId: number;
  readonly timeMs: number;
  readonly ownerType: 'service' | 'job';
  readonly owner: string;
  readonly instanceId: string;
  readonly zone: string;
  readonly taskCpu: number;
  readonly taskMemory: number;
}

export class PlacementExplainer implements PlacementDecisionObserver {
  private pending: { kind: OwnerKind; owner: number; host: Host; request: PlacementRequest; explanation: PlacementExplanation } | undefined;

  constructor(
    private readonly services: ReadonlySet<number>,
    private readonly jobs: ReadonlySet<number>,
    private readonly names: { readonly services: readonly string[]; readonly jobs: readonly string[] },
    private readonly randomTieBreak: boolean,
    private readonly emit: (row: ExplanationRow) => void,
  ) {}

  wants(kind: OwnerKind, owner: number): boolean {
    return (kind === OwnerKind.Service ? this.services : this.jobs).has(owner);
  }

  decided(kind: OwnerKind, owner: number, request: PlacementRequest, view: PlacementView, host: Host): void {
    this.pending = { kind, owner, host, request, explanation: explainPlacement(request, view, host, this.randomTieBreak) };
  }

  /** The decision's task lands on its host right after the decision. */
  taskPlaced(task: Task, now: number): void {
    const p = this.pending;
    if (p === undefined || task.ownerKind !== p.kind || task.owner !== p.owner || task.host !== p.host) return;
    this.pending = undefined;
    const service = p.kind === OwnerKind.Service;
    this.emit({
      taskId: task.id,
      timeMs: now,
      ownerType: service ? 'service' : 'job',
      owner: (service ? this.names.services : this.names.jobs)[p.owner] ?? '',
      instanceId: p.host.instanceId,
      zone: p.host.attribute('ecs.availability-zone') ?? '',
      taskCpu: p.request.cpu,
      taskMemory: p.request.memory,
      ...p.explanation,
    });
  }
}
