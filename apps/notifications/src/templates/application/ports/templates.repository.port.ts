import type { Transaction } from '@sportclub/service-kit';
import type { Kind, TemplateText } from '../../domain/templates';

/** Clubs' own templates, versioned per kind and locale. */
export interface TemplatesRepositoryPort {
  /** The club's newest version for the kind and locale, if it wrote one. */
  latest(tx: Transaction, tenantId: string, kind: Kind, locale: string): Promise<TemplateText | undefined>;
}

export const TEMPLATES_REPOSITORY = Symbol('TEMPLATES_REPOSITORY');
