import type { ReactElement, SelectHTMLAttributes } from 'react';

type NativeSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'>;

interface EnumSelectProps<T extends string> extends NativeSelectProps {
  /** Every value the API accepts, in the order offered. */
  values: readonly T[];
  value: T;
  label: (value: T) => string;
  onChange: (value: T) => void;
}

interface OptionalEnumSelectProps<T extends string> extends NativeSelectProps {
  values: readonly T[];
  value: T | '';
  label: (value: T) => string;
  onChange: (value: T | '') => void;
  /** The first option, standing for no value: "Keep the finding's own". */
  none: string;
}

/**
 * A select over one of the domain's closed lists (roles, classes, categories), each value shown by its
 * label; the value handed back is always one of the list, never a free string. Other props (the id and
 * aria wiring `FormField` adds) reach the select.
 */
export function EnumSelect<T extends string>(props: EnumSelectProps<T>): ReactElement;
export function EnumSelect<T extends string>(props: OptionalEnumSelectProps<T>): ReactElement;
export function EnumSelect<T extends string>(props: EnumSelectProps<T> | OptionalEnumSelectProps<T>): ReactElement {
  const { values, value, label, onChange, ...rest } = props;
  const { none, ...native } = rest as NativeSelectProps & { none?: string };
  return (
    <select
      {...native}
      value={value}
      onChange={(event) => {
        const chosen = values.find((candidate) => candidate === event.target.value);
        if (chosen !== undefined) (onChange as (value: T) => void)(chosen);
        else if (none !== undefined) (onChange as (value: T | '') => void)('');
      }}
    >
      {none !== undefined && <option value="">{none}</option>}
      {values.map((option) => (
        <option key={option} value={option}>
          {label(option)}
        </option>
      ))}
    </select>
  );
}
