import Handlebars from 'handlebars';
import { NOTIFICATION_KIND } from '@sportclub/contracts';
import { DomainError } from '@sportclub/service-kit';

/** What a member is told about; each kind has its variables and a default template per locale. */
export const KINDS = {
  'checkin.completed': ['court', 'time', 'date', 'charged'],
  'checkin.rejected': ['court', 'time', 'reason'],
  'checkin.failed': ['court', 'time', 'reason'],
  'top-up.succeeded': ['amount', 'method'],
  'top-up.failed': ['amount', 'reason'],
  'session.receipt': ['court', 'duration', 'consumption', 'charged', 'unpaid'],
  announcement: ['title', 'text'],
  'calendar.broken': [],
  'calendar.restored': ['court', 'date', 'time'],
  'highlight.ready': ['court', 'date', 'time', 'link'],
} as const satisfies Record<string, readonly string[]>;
export type Kind = keyof typeof KINDS;

/**
 * The kinds v1 of the notifications messages knows (contracts' `NOTIFICATION_KIND`); a v1 answer or
 * event carries only these, v2 carries every kind.
 */
export const V1_KINDS = NOTIFICATION_KIND.enum satisfies readonly Kind[];
export type V1Kind = (typeof V1_KINDS)[number];
export const isV1Kind = (kind: Kind): kind is V1Kind => (V1_KINDS as readonly Kind[]).includes(kind);
/** For `filter`: keeps what is of a kind v1 knows. */
export const ofV1Kind = <T extends { kind: Kind }>(x: T): x is T & { kind: V1Kind } => isV1Kind(x.kind);

/** The words of one kind in one locale: a title (push title, e-mail subject) and a plain-text body. */
export interface TemplateText {
  title: string;
  body: string;
  /**
   * The WhatsApp template approved for this kind (business-initiated messages outside the member's
   * 24-hour window), with the variables that fill its positional parameters, in order.
   */
  whatsapp?: { name: string; parameters: string[] };
}

/** A template a club saved refers to a variable its kind does not have. */
export class UnknownTemplateVariableError extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'unknown_template_variable';
  constructor(
    override readonly field: string,
    readonly variable: string,
    kind: Kind,
  ) {
    super(`"${variable}" is not a variable of ${kind} (it has: ${KINDS[kind].join(', ')})`);
  }
}

export class InvalidTemplateError extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'invalid_template';
  constructor(
    override readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** The variables a Handlebars template reads (`{{court}}`, `{{#if unpaid}}`), by walking its AST. */
function variablesOf(source: string): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; original?: string; parts?: string[] } & Record<string, unknown>;
    if (n.type === 'PathExpression' && n.original && !n.original.startsWith('@')) {
      found.add(n.parts?.[0] ?? n.original);
    }
    for (const value of Object.values(n)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(Handlebars.parse(source));
  return [...found];
}

const HELPERS = new Set(['if', 'unless']);

/**
 * Checks a template before it is saved: it parses, and every variable it reads belongs to its kind
 * (422 naming the variable otherwise). Only `if` and `unless` blocks are allowed besides variables.
 */
export function checkTemplate(kind: Kind, text: TemplateText): void {
  const fields: [string, string][] = [
    ['title', text.title],
    ['body', text.body],
  ];
  for (const [field, source] of fields) {
    let names: string[];
    try {
      names = variablesOf(source);
    } catch (error) {
      const lines = (error as Error).message.split('\n').filter((l) => l.trim() && !/^-*\^$/.test(l.trim()));
      throw new InvalidTemplateError(
        field,
        `does not parse: ${[lines[0], lines.at(-1)].join(' ')}`.slice(0, 500),
      );
    }
    const allowed: readonly string[] = KINDS[kind];
    const unknown = names.find((n) => !allowed.includes(n) && !HELPERS.has(n));
    if (unknown) throw new UnknownTemplateVariableError(field, unknown, kind);
  }
  for (const variable of text.whatsapp?.parameters ?? []) {
    if (!(KINDS[kind] as readonly string[]).includes(variable)) {
      throw new UnknownTemplateVariableError('whatsapp.parameters', variable, kind);
    }
  }
}

/** The message a member reads. Text, not HTML: nothing is escaped; a variable left out renders empty. */
export interface Rendered {
  title: string;
  body: string;
  whatsapp?: { name: string; parameters: string[] };
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();
function compile(source: string): HandlebarsTemplateDelegate {
  let template = compiled.get(source);
  if (!template) {
    template = Handlebars.compile(source, {
      noEscape: true,
      knownHelpersOnly: true,
      knownHelpers: { if: true, unless: true },
    });
    if (compiled.size > 1000) compiled.clear();
    compiled.set(source, template);
  }
  return template;
}

export function render(text: TemplateText, variables: Record<string, string>): Rendered {
  return {
    title: compile(text.title)(variables).trim(),
    body: compile(text.body)(variables).trim(),
    ...(text.whatsapp && {
      whatsapp: {
        name: text.whatsapp.name,
        parameters: text.whatsapp.parameters.map((v) => variables[v] ?? ''),
      },
    }),
  };
}
