/** Anything a select offers by id and name: teams, services. */
export interface NamedOption {
  id: string;
  name: string;
}

/**
 * The options of a list sorted by name, plus the selected id when the list does not hold it (a shared
 * link to a team that was since removed, or a list still loading), so the control never lies about
 * the filter.
 */
export function OptionsWithSelected({ items, selected, unknownLabel }: { items: readonly NamedOption[]; selected: string | null; unknownLabel: string }) {
  const missing = selected !== null && !items.some((item) => item.id === selected);
  const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      {sorted.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
      {missing && <option value={selected}>{`${unknownLabel} (${selected})`}</option>}
    </>
  );
}
