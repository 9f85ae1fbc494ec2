import { QuerySyntaxError, tokenize, type Token } from './lexer.js';

/** Abstract syntax of a cluster query language expression. */
export type Operator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'exists' | 'not_exists' | 'in' | 'not_in' | 'matches' | 'not_matches';

export type Subject =
  | { readonly kind: 'attribute'; readonly name: string }
  | { readonly kind: 'ec2InstanceId' | 'agentConnected' | 'agentVersion' | 'registeredAt' | 'runningTasksCount' | 'taskGroup' };

export type QueryNode =
  | { readonly type: 'compare'; readonly subject: Subject; readonly op: Operator; readonly values: readonly string[] }
  | { readonly type: 'and' | 'or'; readonly left: QueryNode; readonly right: QueryNode }
  | { readonly type: 'not'; readonly operand: QueryNode };

const OPERATORS: Readonly<Record<string, Operator>> = {
  '==': 'eq', equals: 'eq', '!=': 'ne', not_equals: 'ne',
  '>': 'gt', greater_than: 'gt', '>=': 'ge', greater_than_equal: 'ge',
  '<': 'lt', less_than: 'lt', '<=': 'le', less_than_equal: 'le',
  exists: 'exists', '!exists': 'not_exists', not_exists: 'not_exists',
  in: 'in', '!in': 'not_in', not_in: 'not_in',
  '=~': 'matches', matches: 'matches', '!~': 'not_matches', not_matches: 'not_matches',
};

const SUBJECTS: Readonly<Record<string, Subject>> = {
  ec2InstanceId: { kind: 'ec2InstanceId' },
  agentConnected: { kind: 'agentConnected' },
  agentVersion: { kind: 'agentVersion' },
  registeredAt: { kind: 'registeredAt' },
  runningTasksCount: { kind: 'runningTasksCount' },
  'task:group': { kind: 'taskGroup' },
};

/** Parses an expression; throws QuerySyntaxError naming the character where it went wrong. */
export function parseQuery(source: string): QueryNode {
  if (source.trim() === '') throw new QuerySyntaxError('the expression is empty', 0);
  if (source.length > 2000) throw new QuerySyntaxError('the expression is longer than 2000 characters', 2000);
  const parser = new Parser(tokenize(source));
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  expression(): QueryNode {
    let left = this.conjunction();
    while (this.acceptConnective('||', 'or')) left = { type: 'or', left, right: this.conjunction() };
    return left;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw this.error(`unexpected '${token.text}'`, token);
  }

  private conjunction(): QueryNode {
    let left = this.unary();
    while (this.acceptConnective('&&', 'and')) left = { type: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): QueryNode {
    const token = this.peek();
    if ((token.kind === 'symbol' && token.text === '!') || (token.kind === 'word' && token.text === 'not')) {
      this.index++;
      return { type: 'not', operand: this.unary() };
    }
    if (token.kind === 'lparen') {
      this.index++;
      const inner = this.expression();
      this.expect('rparen', "')'");
      return inner;
    }
    return this.comparison();
  }

  private comparison(): QueryNode {
    const subjectToken = this.next();
    if (subjectToken.kind !== 'word') throw this.error('expected a subject such as attribute:ecs.instance-type', subjectToken);
    const subject = parseSubject(subjectToken, (m, t) => this.error(m, t));
    const op = this.operator();
    if (op === 'exists' || op === 'not_exists') return { type: 'compare', subject, op, values: [] };
    if (op === 'in' || op === 'not_in') return { type: 'compare', subject, op, values: this.list() };
    const value = this.next();
    if (value.kind !== 'word' && value.kind !== 'string') throw this.error(`expected a value after the operator`, value);
    if (op === 'matches' || op === 'not_matches') checkRegex(value, (m, t) => this.error(m, t));
    return { type: 'compare', subject, op, values: [value.text] };
  }

  private operator(): Operator {
    const token = this.next();
    let text = token.text;
    if (token.kind === 'symbol' && text === '!' && this.peek().kind === 'word' && ['exists', 'in'].includes(this.peek().text)) {
      text = `!${this.next().text}`;
    }
    const op = (token.kind === 'symbol' || token.kind === 'word') ? OPERATORS[text] : undefined;
    if (op === undefined) throw this.error(`expected an operator (==, !=, >, >=, <, <=, exists, in, not_in, =~, !~ …)`, token);
    return op;
  }

  private list(): string[] {
    this.expect('lbracket', "'[' to start a list");
    const values: string[] = [];
    for (;;) {
      const token = this.next();
      if (token.kind !== 'word' && token.kind !== 'string') throw this.error('expected a list value', token);
      values.push(token.text);
      const separator = this.next();
      if (separator.kind === 'rbracket') return values;
      if (separator.kind !== 'comma') throw this.error("expected ',' or ']' in the list", separator);
    }
  }

  private acceptConnective(symbol: string, word: string): boolean {
    const token = this.peek();
    if ((token.kind === 'symbol' && token.text === symbol) || (token.kind === 'word' && token.text === word)) {
      this.index++;
      return true;
    }
    return false;
  }

  private expect(kind: Token['kind'], what: string): void {
    const token = this.next();
    if (token.kind !== kind) throw this.error(`expected ${what}`, token);
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.tokens[this.index] as Token;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private error(message: string, token: Token): QuerySyntaxError {
    const where = token.kind === 'end' ? 'at the end of the expression' : `at character ${token.at + 1} ('${token.text}')`;
    return new QuerySyntaxError(`${message} ${where}`, token.at);
  }
}

function parseSubject(token: Token, error: (message: string, token: Token) => QuerySyntaxError): Subject {
  if (token.text.startsWith('attribute:')) {
    const name = token.text.slice('attribute:'.length);
    if (name === '' || name.length > 128) throw error('an attribute name must have 1 to 128 characters', token);
    return { kind: 'attribute', name };
  }
  const subject = SUBJECTS[token.text];
  if (subject === undefined) {
    throw error(`unknown subject '${token.text}' (expected attribute:<name>, ec2InstanceId, agentConnected, agentVersion, registeredAt, runningTasksCount or task:group)`, token);
  }
  return subject;
}

function checkRegex(token: Token, error: (message: string, token: Token) => QuerySyntaxError): void {
  try {
    new RegExp(token.text);
  } catch {
    throw error('invalid regular expression', token);
  }
}
