// Owns the names a webhook body template may use. Dependency-free, so the options form can list them without
// pulling the providers (and zod) into its first paint.
export const TEMPLATE_PLACEHOLDERS = [
  'url',
  'title',
  'note',
  'tags',
  'selection',
  'capturedAt',
  'description',
  'siteName',
  'canonicalUrl',
  'imageUrl',
  'lang',
  'source',
  'id',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];
