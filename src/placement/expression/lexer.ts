/**
 * Tokens of the ECS cluster query language (memberOf expressions), e.g.
 * `attribute:ecs.instance-type =~ t2.* and not(task:group == database)`.
 */
export type TokenKind = 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'comma' | 'symbol' | 'word' | 'string' | 'end';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Zero-based character offset in the expression. */
  readonly at: number;
}

export class QuerySyntaxError extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

const SYMBOLS = ['&&', '||', '==', '!=', '>=', '<=', '=~', '!~', '>', '<', '!'];
const PUNCTUATION: Readonly<Record<string, TokenKind>> = { '(': 'lparen', ')': 'rparen', '[': 'lbracket', ']': 'rbracket', ',': 'comma' };
const WORD_STOP = /[\s()[\],!=<>&|~"']/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const punctuation = PUNCTUATION[ch];
    if (punctuation !== undefined) {
      tokens.push({ kind: punctuation, text: ch, at: i++ });
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = source.indexOf(ch, i + 1);
      if (end < 0) throw new QuerySyntaxError(`unterminated quoted string starting at character ${i + 1}`, i);
      tokens.push({ kind: 'string', text: source.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
    if (symbol !== undefined) {
      tokens.push({ kind: 'symbol', text: symbol, at: i });
      i += symbol.length;
      continue;
    }
    let j = i;
    while (j < source.length && !WORD_STOP.test(source[j] as string)) j++;
    if (j === i) {
      const hint = ch === '=' ? " (did you mean '=='?)" : ch === '&' || ch === '|' ? ` (did you mean '${ch}${ch}'?)` : '';
      throw new QuerySyntaxError(`unexpected character '${ch}' at character ${i + 1}${hint}`, i);
    }
    tokens.push({ kind: 'word', text: source.slice(i, j), at: i });
    i = j;
  }
  tokens.push({ kind: 'end', text: '', at: source.length });
  return tokens;
}
