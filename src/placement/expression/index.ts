import { compileQuery, type CompiledQuery } from './evaluate.js';
import { parseQuery } from './parser.js';

export type { CompiledQuery, QueryHost, QueryPredicate } from './evaluate.js';
export { QuerySyntaxError } from './lexer.js';

/** Parses and compiles a memberOf expression; throws QuerySyntaxError on bad input. */
export function compileMemberOf(source: string): CompiledQuery {
  return compileQuery(source, parseQuery(source));
}
