import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

/** A header of the content manager's list, as its `inject-column-in-table` hook hands it over. */
interface ListHeader {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: (row: Record<string, unknown>, header: ListHeader) => React.ReactNode;
  [key: string]: unknown;
}

/** A value of an enumeration under its name in the admin's language (src/admin/app.tsx holds them, keyed by value). */
function EnumerationLabel({ value }: { value: unknown }) {
  const { formatMessage } = useIntl();
  if (value === null || value === undefined || value === '') return <Typography textColor="neutral800">-</Typography>;
  const text = String(value);
  return <Typography textColor="neutral800">{formatMessage({ id: text, defaultMessage: text })}</Typography>;
}

/**
 * The content manager's lists print an enumeration's raw value (`sent`, `failed`); this hook gives
 * every enumeration column the value's label instead, as the edit view's select does.
 */
export function labelEnumerationColumns({ displayedHeaders, layout }: { displayedHeaders: ListHeader[]; layout: unknown }) {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) =>
      header.attribute?.type === 'enumeration' && !header.cellFormatter
        ? { ...header, cellFormatter: (row: Record<string, unknown>) => <EnumerationLabel value={row[header.name]} /> }
        : header
    ),
  };
}
