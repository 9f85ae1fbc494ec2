/**
 * Phases order events that share a millisecond (the engine's (time, phase, sequence) key):
 * outside changes first, then infrastructure, task transitions, arrivals, and only then one
 * placement pass that sees everything that happened at that instant; scaling and sampling last.
 */
export const Phase = {
  Timeline: 0,
  Infrastructure: 1,
  Task: 2,
  Arrival: 3,
  Schedule: 4,
  Scaling: 5,
  Sample: 6,
} as const;
