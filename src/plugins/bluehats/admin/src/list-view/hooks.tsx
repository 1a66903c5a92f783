/**
 * The content manager's lists, read by editors: enumerations by their names (never `submitted`),
 * years as written (« 2027 », not « 2 027 »), no filter on the app's internal fields, and filters
 * on an enumeration whose chip reads its name (« État est Reçue »).
 */
import { SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { INTERNAL_FIELDS } from '../../../../../domain/internal-fields';

/** The hooks' names, as the content manager declares them (HOOKS in its constants). */
export const LIST_HOOKS = {
  columns: 'Admin/CM/pages/ListView/inject-column-in-table',
  filters: 'Admin/CM/pages/ListView/inject-in-filters',
} as const;

/** What the hooks read of a list column or filter; the content manager's own types are not exported. */
interface Header {
  name: string;
  attribute?: { type: string };
  mainField?: { name: string };
  cellFormatter?: (row: Record<string, unknown>, header: Header) => React.ReactNode;
  [key: string]: unknown;
}
interface FilterOption {
  name: string;
  type?: string;
  input?: React.ComponentType<FilterInputProps>;
  options?: Array<{ label: string; value: string }>;
  [key: string]: unknown;
}
interface FilterInputProps {
  name: string;
  options?: Array<{ label: string; value: string }>;
  'aria-label'?: string;
}

/** The hook does not say which content type it lists; internal field names are unique across ours. */
const INTERNAL = new Set(Object.values(INTERNAL_FIELDS).flat());

/** An enumeration's value by its name: the admin's translations label every value (src/admin/app.tsx). */
function EnumerationValue({ value }: { value: unknown }) {
  const { formatMessage } = useIntl();
  const text = typeof value === 'string' && value !== '' ? formatMessage({ id: value, defaultMessage: value }) : '-';
  return <Typography textColor="neutral800">{text}</Typography>;
}

/**
 * The proposals list's long texts, cut to a width (the whole text on hover), so that the duration,
 * the state and the date of receipt stay on screen at 1440 px.
 */
const PROPOSAL_WIDTHS: Record<string, string> = { title: '15rem', edition: '12rem', administrationName: '10rem' };

function Shortened({ text, width }: { text: unknown; width: string }) {
  const shown = typeof text === 'string' && text !== '' ? text : '-';
  return (
    <Typography ellipsis maxWidth={width} tag="div" title={shown}>
      {shown}
    </Typography>
  );
}

/** A short date and time (« 30/11/2026 14:05 »), where the stock one spells out the day and month. */
function ShortDateTime({ value }: { value: unknown }) {
  const { formatDate } = useIntl();
  const date = typeof value === 'string' ? new Date(value) : null;
  return (
    <Typography textColor="neutral800">{date && !Number.isNaN(date.getTime()) ? formatDate(date, { dateStyle: 'short', timeStyle: 'short' }) : '-'}</Typography>
  );
}

/** A cell's text: a to-one relation shows its main field. */
const textOf = (row: Record<string, unknown>, header: Header): unknown => {
  const value = row[header.name];
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[header.mainField?.name ?? 'id'] : value;
};

export function formatColumns({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: unknown }) {
  // The hook does not name the content type: the proposals list is the one with references.
  const proposals = displayedHeaders.some((header) => header.name === 'reference');
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header): Header => {
      const width = proposals ? PROPOSAL_WIDTHS[header.name] : undefined;
      if (width) return { ...header, cellFormatter: (row) => <Shortened text={textOf(row, header)} width={width} /> };
      if (proposals && header.attribute?.type === 'datetime') return { ...header, cellFormatter: (row) => <ShortDateTime value={row[header.name]} /> };
      if (header.attribute?.type === 'enumeration') {
        return { ...header, cellFormatter: (row) => <EnumerationValue value={row[header.name]} /> };
      }
      // A year is a name, not a quantity: no thousands separator.
      if (header.name === 'year' && header.attribute?.type === 'integer') {
        return { ...header, cellFormatter: (row) => <Typography textColor="neutral800">{row.year == null ? '-' : String(row.year)}</Typography> };
      }
      return header;
    }),
  };
}

/** The value of an enumeration filter, picked from its names (the chip then finds the name too). */
function OptionsFilterInput({ name, options = [], 'aria-label': label }: FilterInputProps) {
  const field = useField(name);
  return (
    <SingleSelect
      aria-label={label}
      placeholder="Choisir"
      value={typeof field.value === 'string' ? field.value : undefined}
      onChange={(value) => field.onChange(name, String(value))}
    >
      {options.map((option) => (
        <SingleSelectOption key={option.value} value={option.value}>
          {option.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );
}

export function formatFilters({ displayedFilters, layout }: { displayedFilters: FilterOption[]; layout: unknown }) {
  return {
    layout,
    displayedFilters: displayedFilters
      // The edition is picked from a list above the table (EditionFilter), not typed as a title.
      .filter((filter) => !INTERNAL.has(filter.name) && !(filter.name === 'edition' && filter.type === 'relation'))
      .map((filter) => (filter.type === 'enumeration' && filter.options && !filter.input ? { ...filter, input: OptionsFilterInput } : filter)),
  };
}
