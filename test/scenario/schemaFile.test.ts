import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/schema/scenario.js';

describe('scenario.schema.json', () => {
  it('in the repository equals `fleetsim schema` (regenerate: npx fleetsim schema > scenario.schema.json)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../scenario.schema.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  });
});
