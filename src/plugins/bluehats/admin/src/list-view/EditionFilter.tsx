/**
 * Above the lists of proposals and sessions: the edition, picked from the editions (not typed as a
 * title). It reads and writes the list's own URL filter, `filters[$and][i][edition][documentId][$eq]`,
 * so the choice survives a reload, a link from the home page, and the other filters.
 */
import * as React from 'react';
import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useFetchClient, useQueryParams } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import type { EditionSummary } from '../../../../../domain/dashboard';

const WITH_EDITION = new Set(['api::proposal.proposal', 'api::session.session']);

type Condition = Record<string, unknown>;
interface ListQuery {
  filters?: { $and?: Condition[] };
  [key: string]: unknown;
}

const editionOf = (condition: Condition): string | undefined => {
  const edition = condition.edition as { documentId?: { $eq?: unknown } } | undefined;
  return typeof edition?.documentId?.$eq === 'string' ? edition.documentId.$eq : undefined;
};

export function EditionFilter() {
  const { slug } = useParams<{ slug: string }>();
  const { get } = useFetchClient();
  const [{ query }, setQuery] = useQueryParams<ListQuery>();
  const [editions, setEditions] = React.useState<EditionSummary[] | null>(null);
  const shown = !!slug && WITH_EDITION.has(slug);

  React.useEffect(() => {
    if (!shown) return;
    get<{ data: EditionSummary[] }>('/bluehats/editions').then(
      (res) => setEditions(res.data.data),
      // A role without the desk's dashboard right does not get the list: the stock filters remain.
      () => setEditions(null)
    );
  }, [shown]);

  if (!shown || !editions) return null;
  const conditions = query.filters?.$and ?? [];
  const current = conditions.map(editionOf).find(Boolean);
  const choose = (documentId: string | undefined) => {
    const others = conditions.filter((condition) => !editionOf(condition));
    const $and = documentId ? [{ edition: { documentId: { $eq: documentId } } }, ...others] : others;
    setQuery({ filters: { $and }, page: 1 });
  };

  return (
    <SingleSelect
      aria-label="Édition"
      placeholder="Toutes les éditions"
      size="S"
      value={current ?? ''}
      onChange={(value) => choose(value ? String(value) : undefined)}
      onClear={current ? () => choose(undefined) : undefined}
      clearLabel="Toutes les éditions"
    >
      {editions.map((edition) => (
        <SingleSelectOption key={edition.documentId} value={edition.documentId}>
          {`Édition : ${edition.title}`}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );
}
