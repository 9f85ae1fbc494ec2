import type { Operator, QueryNode, Subject } from './parser.js';

/** What a memberOf expression can ask of a container instance. */
export interface QueryHost {
  readonly instanceId: string;
  readonly runningTasksCount: number;
  /** Registration time, epoch milliseconds. */
  readonly registeredAtEpochMs: number;
  readonly agentVersion: string;
  attribute(name: string): string | undefined;
  /** Task groups with at least one task on the instance (not STOPPED), in a stable order. */
  taskGroups(): Iterable<string>;
}

export type QueryPredicate = (host: QueryHost) => boolean;

export interface CompiledQuery {
  readonly source: string;
  readonly test: QueryPredicate;
  /** True when the result can change as tasks come and go (runningTasksCount, task:group). */
  readonly dependsOnTasks: boolean;
}

export function compileQuery(source: string, node: QueryNode): CompiledQuery {
  return { source, test: compileNode(node), dependsOnTasks: usesTasks(node) };
}

function usesTasks(node: QueryNode): boolean {
  switch (node.type) {
    case 'compare':
      return node.subject.kind === 'runningTasksCount' || node.subject.kind === 'taskGroup';
    case 'not':
      return usesTasks(node.operand);
    default:
      return usesTasks(node.left) || usesTasks(node.right);
  }
}

function compileNode(node: QueryNode): QueryPredicate {
  switch (node.type) {
    case 'and': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return (h) => left(h) && right(h);
    }
    case 'or': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return (h) => left(h) || right(h);
    }
    case 'not': {
      const operand = compileNode(node.operand);
      return (h) => !operand(h);
    }
    case 'compare':
      return node.subject.kind === 'taskGroup' ? compileGroupTest(node.op, node.values) : compileCompare(node.subject, node.op, node.values);
  }
}

/** task:group is a set per instance: a test holds when it holds for some group; negated operators negate that. */
function compileGroupTest(op: Operator, values: readonly string[]): QueryPredicate {
  const negated: Partial<Record<Operator, Operator>> = { ne: 'eq', not_in: 'in', not_matches: 'matches', not_exists: 'exists' };
  const positive = negated[op];
  if (positive !== undefined) {
    const test = compileGroupTest(positive, values);
    return (h) => !test(h);
  }
  const single = compileValueTest(op, values, 'string');
  return (h) => {
    for (const group of h.taskGroups()) if (single(group)) return true;
    return false;
  };
}

type ValueKind = 'string' | 'number' | 'date';

function subjectValue(subject: Subject): { read: (h: QueryHost) => string | number | undefined; kind: ValueKind } {
  switch (subject.kind) {
    case 'attribute': {
      const name = subject.name;
      return { read: (h) => h.attribute(name), kind: 'string' };
    }
    case 'ec2InstanceId':
      return { read: (h) => h.instanceId, kind: 'string' };
    case 'agentConnected':
      return { read: () => 'true', kind: 'string' };
    case 'agentVersion':
      return { read: (h) => h.agentVersion, kind: 'string' };
    case 'registeredAt':
      return { read: (h) => h.registeredAtEpochMs, kind: 'date' };
    case 'runningTasksCount':
      return { read: (h) => h.runningTasksCount, kind: 'number' };
    case 'taskGroup':
      throw new Error('task:group is compiled as a set test');
  }
}

function compileCompare(subject: Subject, op: Operator, values: readonly string[]): QueryPredicate {
  const { read, kind } = subjectValue(subject);
  const test = compileValueTest(op, values, kind);
  return (h) => test(read(h));
}

function toComparable(value: string, kind: ValueKind): number | string {
  if (kind === 'date') return Date.parse(value);
  if (kind === 'number') return Number(value);
  const asNumber = Number(value);
  return value.trim() !== '' && Number.isFinite(asNumber) ? asNumber : value;
}

function ordered(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compileValueTest(op: Operator, values: readonly string[], kind: ValueKind): (v: string | number | undefined) => boolean {
  const first = values[0] ?? '';
  switch (op) {
    case 'exists':
      return (v) => v !== undefined;
    case 'not_exists':
      return (v) => v === undefined;
    case 'eq':
    case 'ne': {
      const want = toComparable(first, kind);
      const equal = (v: string | number) => ordered(kind === 'string' ? toComparable(String(v), kind) : v, want) === 0;
      return op === 'eq' ? (v) => v !== undefined && equal(v) : (v) => v === undefined || !equal(v);
    }
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le': {
      const want = toComparable(first, kind);
      const accept = { gt: (c: number) => c > 0, ge: (c: number) => c >= 0, lt: (c: number) => c < 0, le: (c: number) => c <= 0 }[op];
      return (v) => v !== undefined && accept(ordered(kind === 'string' ? toComparable(String(v), kind) : v, want));
    }
    case 'in':
    case 'not_in': {
      const set = new Set(values);
      return op === 'in' ? (v) => v !== undefined && set.has(String(v)) : (v) => v === undefined || !set.has(String(v));
    }
    case 'matches':
    case 'not_matches': {
      // Java's String.matches semantics: the whole value must match.
      const regex = new RegExp(`^(?:${first})$`);
      return op === 'matches' ? (v) => v !== undefined && regex.test(String(v)) : (v) => v === undefined || !regex.test(String(v));
    }
  }
}
