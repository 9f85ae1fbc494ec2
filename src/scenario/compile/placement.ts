import { compileMemberOf, QuerySyntaxError, type CompiledQuery } from '../../placement/expression/index.js';
import type { PlacementSpec, StrategySpec } from '../../model/specs.js';
import type { PathPart } from '../issues.js';
import type { PlacementConstraintInput, PlacementStrategyInput } from '../schema/primitives.js';
import type { CompileContext } from './context.js';

/** At most 10 constraints per task, task-definition and runtime ones together (aws-behaviour.md §1). */
const MAX_CONSTRAINTS = 10;

export function compileStrategies(ctx: CompileContext, input: readonly PlacementStrategyInput[], path: readonly PathPart[]): StrategySpec[] {
  const out: StrategySpec[] = [];
  input.forEach((strategy, i) => {
    const at = [...path, i];
    const field = strategy.field;
    switch (strategy.type) {
      case 'random':
        if (field !== undefined) ctx.issues.add([...at, 'field'], 'random takes no field');
        out.push({ type: 'random' });
        break;
      case 'binpack':
        if (field !== 'cpu' && field !== 'memory') ctx.issues.add([...at, 'field'], 'binpack needs field "cpu" or "memory"');
        else out.push({ type: 'binpack', resource: field });
        break;
      case 'spread':
        if (field === undefined) ctx.issues.add([...at, 'field'], 'spread needs a field: "instanceId", "host" or "attribute:<name>"');
        else if (field === 'instanceId' || field === 'host') out.push({ type: 'spread', field: 'instanceId' });
        else if (field.startsWith('attribute:') && field.length > 'attribute:'.length) {
          out.push({ type: 'spread', field: 'attribute', attribute: field.slice('attribute:'.length) });
        } else ctx.issues.add([...at, 'field'], `cannot spread on "${field}": use "instanceId", "host" or "attribute:<name>"`);
        break;
    }
  });
  return out;
}

export function compileExpression(ctx: CompileContext, expression: string, path: readonly PathPart[]): CompiledQuery | undefined {
  try {
    return compileMemberOf(expression);
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      ctx.issues.add(path, `invalid query expression: ${error.message}`);
      return undefined;
    }
    throw error;
  }
}

export function compileConstraints(
  ctx: CompileContext,
  input: readonly PlacementConstraintInput[],
  path: readonly PathPart[],
  allowDistinct: boolean,
): { distinctInstance: boolean; memberOf: CompiledQuery[] } {
  let distinctInstance = false;
  const memberOf: CompiledQuery[] = [];
  input.forEach((constraint, i) => {
    const at = [...path, i];
    if (constraint.type === 'distinctInstance') {
      if (!allowDistinct) ctx.issues.add([...at, 'type'], 'task definitions allow only memberOf constraints');
      if (constraint.expression !== undefined) ctx.issues.add([...at, 'expression'], 'distinctInstance takes no expression');
      distinctInstance = true;
      return;
    }
    if (constraint.expression === undefined || constraint.expression.trim() === '') {
      ctx.issues.add([...at, 'expression'], 'memberOf needs an expression');
      return;
    }
    const compiled = compileExpression(ctx, constraint.expression, [...at, 'expression']);
    if (compiled !== undefined) memberOf.push(compiled);
  });
  return { distinctInstance, memberOf };
}

/** Runtime (service or RunTask) placement merged with the task definition's memberOf constraints. */
export function compilePlacement(
  ctx: CompileContext,
  strategies: readonly PlacementStrategyInput[],
  constraints: readonly PlacementConstraintInput[],
  taskDefinitionMemberOf: readonly CompiledQuery[],
  path: readonly PathPart[],
): PlacementSpec {
  const compiled = compileConstraints(ctx, constraints, [...path, 'placementConstraints'], true);
  if (constraints.length + taskDefinitionMemberOf.length > MAX_CONSTRAINTS) {
    ctx.issues.add([...path, 'placementConstraints'], `at most ${MAX_CONSTRAINTS} constraints per task, counting the task definition's`);
  }
  return {
    strategies: compileStrategies(ctx, strategies, [...path, 'placementStrategy']),
    distinctInstance: compiled.distinctInstance,
    memberOf: [...taskDefinitionMemberOf, ...compiled.memberOf],
  };
}

/** ECS's default for services without a strategy: spread over AZs, then over instances (aws-behaviour.md §1). */
export const DEFAULT_SERVICE_STRATEGIES: readonly PlacementStrategyInput[] = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
];
