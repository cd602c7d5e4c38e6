import type { Transaction } from '@sportclub/service-kit';
import type { Kind, TemplateText } from '../../domain/templates';

/** Clubs' own templates, versioned per kind and locale. */
export interface TemplatesRepositoryPort {
  /** The club's newest version for the kind and locale, if it wrote one. */
  latest(tx: Transaction, tenantId: string, kind: Kind, locale: string): Promise<TemplateText | undefined>;
  /** Saves the next version (1 for the first), answering it. */
  save(tx: Transaction, tenantId: string, t: SavedTemplate): Promise<StoredTemplate>;
  /** The club's newest version of every kind and locale it wrote. */
  listLatest(tx: Transaction, tenantId: string): Promise<StoredTemplate[]>;
}

export interface SavedTemplate extends TemplateText {
  kind: Kind;
  locale: string;
  savedBy: string;
}

export interface StoredTemplate extends SavedTemplate {
  version: number;
  savedAt: string;
}

export const TEMPLATES_REPOSITORY = Symbol('TEMPLATES_REPOSITORY');
