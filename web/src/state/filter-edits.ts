/** Small pure edits of a `ParcelFilter`, kept in a canonical order so equal filters give equal URLs. */
import type { ParcelFilter } from '../../../server/domain/filters.ts';

/** Adds or removes `value`, keeping the order of `order` (the table order, or the village list's). */
export function toggleInOrder<Code extends string>(
  values: readonly Code[],
  value: Code,
  order: readonly string[],
): Code[] {
  const next = values.includes(value) ? values.filter((item) => item !== value) : [...values, value];
  return next.sort((first, second) => order.indexOf(first) - order.indexOf(second));
}

export type ListField = 'villages' | 'signing' | 'clearance' | 'landClasses';

export function toggleFilterValue<Field extends ListField>(
  filter: ParcelFilter,
  field: Field,
  value: ParcelFilter[Field][number],
  order: readonly string[],
): ParcelFilter {
  return { ...filter, [field]: toggleInOrder(filter[field] as readonly string[], value, order) };
}
